/* RAM statistics on the Mbed OS cores (nRF52840, RP2040, STM32H7): heap from mbed's heap statistics when the
 * core enables them, else from the heap region mbed's boot code sets up and malloc's own figures; the stack
 * from the RTOS's record of the loop thread's stack. */
#if defined(ARDUINO_ARCH_MBED)
#include <malloc.h>
#include "mbed_stats.h"
#include "cmsis_os2.h"
#include "td_ram.h"

/* The size of mbed_boot.c's heap region; weak, so a core without it still links (its address is then 0). */
extern uint32_t mbed_heap_size __attribute__((weak));

void td_ram_begin(void) {}

static uint32_t td_free_heap(void) {
#if defined(MBED_HEAP_STATS_ENABLED) && MBED_HEAP_STATS_ENABLED
  mbed_stats_heap_t heap;
  mbed_stats_heap_get(&heap);
  return heap.reserved_size > heap.current_size ? (uint32_t)(heap.reserved_size - heap.current_size) : 0u;
#else
  /* The heap region not yet taken by malloc (arena) plus the free blocks inside what it took; without the
   * region's size only the free blocks are known, a lower bound. */
  struct mallinfo info = mallinfo();
  uint32_t untouched = (&mbed_heap_size != 0 && mbed_heap_size > (uint32_t)info.arena) ? mbed_heap_size - (uint32_t)info.arena : 0u;
  return untouched + (uint32_t)info.fordblks;
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
