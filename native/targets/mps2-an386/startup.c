/* Reset path for mps2-an386: vector table, .data copy, .bss zeroing, FPU on, UART and timer up, then main(). */
#include "mps2.h"

extern uint32_t __data_load__, __data_start__, __data_end__, __bss_start__, __bss_end__, __stack_top__;
extern int main(void);
extern void __libc_init_array(void);

void Reset_Handler(void);
void Fault_Handler(void);
void Idle_Handler(void);

#define CPACR (*(volatile uint32_t *)0xE000ED88u)

/* Faults say so on the UART instead of hanging silently: a test then fails with a reason. */
void Fault_Handler(void) {
  uart_init();
  uart_write("\n!fault\n");
  for (;;) {
  }
}

void Idle_Handler(void) {}

__attribute__((section(".isr_vector"), used)) static void (*const vector_table[16])(void) = {
    (void (*)(void))(&__stack_top__),
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    0, 0, 0, 0,
    Idle_Handler, /* SVCall */
    Idle_Handler, /* DebugMon */
    0,
    Idle_Handler, /* PendSV */
    Idle_Handler, /* SysTick */
};

void Reset_Handler(void) {
  uint32_t *src = &__data_load__;
  uint32_t *dst = &__data_start__;
  while (dst < &__data_end__) *dst++ = *src++;
  for (dst = &__bss_start__; dst < &__bss_end__;) *dst++ = 0u;
  CPACR |= 0xFu << 20; /* CP10 and CP11 full access: hard-float code may now run */
  __asm volatile("dsb\n\tisb" ::: "memory");
  uart_init();
  mps2_timer_init();
  __libc_init_array();
  (void)main();
  for (;;) {
  }
}
