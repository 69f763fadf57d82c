/* Compile-only stand-in for Mbed OS's mbed_stats.h (heap statistics). */
#ifndef TD_STUB_MBED_STATS_H
#define TD_STUB_MBED_STATS_H
#include <stdint.h>
#include <stddef.h>
typedef struct {
  uint32_t current_size;
  uint32_t max_size;
  uint32_t total_size;
  uint32_t reserved_size;
  uint32_t alloc_cnt;
  uint32_t alloc_fail_cnt;
  uint32_t overhead_size;
} mbed_stats_heap_t;
void mbed_stats_heap_get(mbed_stats_heap_t *stats);
#endif
