/* Firmware port for QEMU mps2-an386: CMSDK UART0 and timer0 from native/targets/mps2-an386 (set up by startup.c). */
#include <stdint.h>
#include "mps2.h"

void port_init(void) {}
int port_getc(void) { return uart_getc(); }
void port_putc(char c) { uart_putc(c); }
uint32_t port_ticks(void) { return mps2_ticks(); }
