/* RAM statistics on the Mbed OS cores (nRF52840, RP2040, STM32H7): heap from mbed's heap statistics when the
 * core enables them, else from the heap region mbed's boot code sets up and malloc's own figures. The stack from
 * the RTOS's watermark when it keeps one, else by painting part of the loop thread's stack in td_ram_begin. */
#if defined(ARDUINO_ARCH_MBED)
#include <malloc.h>
#include "mbed_stats.h"
#include "cmsis_os2.h"
#include "td_ram.h"

#define TD_RAM_PAINT 0xA5u
/* Bytes left unpainted below td_ram_begin's own frame (the frame and anything the compiler spills). */
#define TD_RAM_CLEARANCE 128u

/* The size of mbed_boot.c's heap region; weak, so a core without it still links (its address is then 0). */
extern uint32_t mbed_heap_size __attribute__((weak));

static uintptr_t td_paint_top; /* painted bytes end here (exclusive) */
static uint32_t td_paint_len;

/* Threads run on the process stack and interrupts on the main stack, so the bytes below the loop thread's stack
 * pointer are free: paint half of the thread's stack below setup()'s frame and look later how far it was used. */
void td_ram_begin(void) {
  volatile uint8_t here = 0;
  uint32_t size = osThreadGetStackSize(osThreadGetId());
  volatile uint8_t *p;
  uint32_t i;
  td_paint_top = (uintptr_t)&here - TD_RAM_CLEARANCE;
  td_paint_len = size / 2u;
  p = (volatile uint8_t *)(td_paint_top - td_paint_len);
  for (i = 0; i < td_paint_len; i++) p[i] = TD_RAM_PAINT;
  (void)here;
}

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

/* Stack bytes used below setup()'s frame: from the lowest byte that is no longer paint up to the clearance. */
static uint32_t td_painted_use(void) {
  const volatile uint8_t *p = (const volatile uint8_t *)(td_paint_top - td_paint_len);
  uint32_t i = 0;
  while (i < td_paint_len && p[i] == TD_RAM_PAINT) i++;
  return td_paint_len - i + TD_RAM_CLEARANCE;
}

void td_ram_read(td_ram_stats *stats, uint32_t act_bytes, uint32_t total_bytes) {
  osThreadId_t self = osThreadGetId();
  uint32_t size = osThreadGetStackSize(self);
  /* RTX answers 0 when it keeps no watermark (MBED_STACK_STATS_ENABLED off): then our paint tells. */
  uint32_t space = osThreadGetStackSpace(self);
  stats->free_bytes = td_free_heap();
  stats->stack_used = space > 0u && size > space ? size - space : td_painted_use();
  stats->act_bytes = act_bytes;
  stats->total = total_bytes;
}
#endif
