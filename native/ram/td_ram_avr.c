/* RAM statistics on AVR: the gap between the heap's end and the stack pointer, and the stack's high-water mark
 * found by painting the free RAM before main() and looking for the lowest byte the stack ever overwrote. */
#if defined(__AVR__)
#include <avr/io.h>
#include "td_ram.h"

#define TD_RAM_PAINT 0xA5

extern uint8_t __heap_start;
extern void *__brkval;

/* Runs from .init3, before .data/.bss are set up and before main(): the stack is still empty, so every byte
 * from the end of .bss to the stack pointer can be painted. Naked: no prologue, it must not use the stack. */
void td_ram_paint(void) __attribute__((naked, used, section(".init3")));
void td_ram_paint(void) {
  uint8_t *p = &__heap_start;
  while (p < (uint8_t *)SP) *p++ = TD_RAM_PAINT;
}

void td_ram_begin(void) {}

static uint8_t *td_heap_end(void) {
  return __brkval != 0 ? (uint8_t *)__brkval : &__heap_start;
}

void td_ram_read(td_ram_stats *stats, uint32_t act_bytes, uint32_t total_bytes) {
  uint8_t *heap_end = td_heap_end();
  uint8_t *p = heap_end;
  /* The lowest byte above the heap that is not paint any more is the deepest the stack has reached. */
  while (p <= (uint8_t *)RAMEND && *p == TD_RAM_PAINT) p++;
  stats->free_bytes = (uint32_t)((uint16_t)SP - (uint16_t)heap_end);
  stats->stack_used = (uint32_t)((uint16_t)RAMEND + 1u - (uint16_t)p);
  stats->act_bytes = act_bytes;
  stats->total = total_bytes;
}
#endif
