/* RAM statistics on the Mbed OS cores (nRF52840, RP2040, STM32H7): heap from mbed's heap statistics when the
 * core enables them, else malloc's free list; the stack from the RTOS's record of the loop thread's stack. */
#if defined(ARDUINO_ARCH_MBED)
#include <malloc.h>
#include "mbed_stats.h"
#include "cmsis_os2.h"
#include "td_ram.h"

void td_ram_begin(void) {}

static uint32_t td_free_heap(void) {
#if defined(MBED_HEAP_STATS_ENABLED) && MBED_HEAP_STATS_ENABLED
  mbed_stats_heap_t heap;
  mbed_stats_heap_get(&heap);
  return heap.reserved_size > heap.current_size ? (uint32_t)(heap.reserved_size - heap.current_size) : 0u;
#else
  /* Without heap statistics only malloc's own free blocks are known: a lower bound of what is free. */
  struct mallinfo info = mallinfo();
  return (uint32_t)info.fordblks;
#endif
}

void td_ram_read(td_ram_stats *stats, uint32_t act_bytes, uint32_t total_bytes) {
  osThreadId_t self = osThreadGetId();
  uint32_t size = osThreadGetStackSize(self);
  uint32_t space = osThreadGetStackSpace(self); /* RTX reports the unused part below the watermark */
  stats->free_bytes = td_free_heap();
  stats->stack_used = size > space ? size - space : 0u;
  stats->act_bytes = act_bytes;
  stats->total = total_bytes;
}
#endif
