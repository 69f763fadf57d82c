/* CMSDK timer0 of mps2-an386 as a free-running tick counter: the cycle measure that QEMU does model. */
#include "mps2.h"

#define TIMER0_BASE 0x40000000u
#define TIMER_CTRL (*(volatile uint32_t *)(TIMER0_BASE + 0x00u))
#define TIMER_VALUE (*(volatile uint32_t *)(TIMER0_BASE + 0x04u))
#define TIMER_RELOAD (*(volatile uint32_t *)(TIMER0_BASE + 0x08u))

void mps2_timer_init(void) {
  TIMER_CTRL = 0u;
  TIMER_RELOAD = 0xFFFFFFFFu;
  TIMER_VALUE = 0xFFFFFFFFu;
  TIMER_CTRL = 1u; /* enable, no interrupt */
}

/* The hardware counts down; callers want elapsed ticks, so invert. Differences are wrap-safe in uint32_t. */
uint32_t mps2_ticks(void) { return 0xFFFFFFFFu - TIMER_VALUE; }
