/* CMSDK APB UART0 of mps2-an386, polled: the simplest driver that QEMU and a student can both read. */
#include "mps2.h"

#define UART0_BASE 0x40004000u
#define UART_DATA (*(volatile uint32_t *)(UART0_BASE + 0x00u))
#define UART_STATE (*(volatile uint32_t *)(UART0_BASE + 0x04u))
#define UART_CTRL (*(volatile uint32_t *)(UART0_BASE + 0x08u))
#define UART_BAUDDIV (*(volatile uint32_t *)(UART0_BASE + 0x10u))

#define STATE_TX_FULL 0x1u
#define STATE_RX_FULL 0x2u
#define CTRL_TX_RX_ENABLE 0x3u
#define UART_CLOCK_HZ 25000000u
#define UART_BAUD 115200u

void uart_init(void) {
  UART_BAUDDIV = UART_CLOCK_HZ / UART_BAUD; /* QEMU ignores the rate but wants a divider >= 16 */
  UART_CTRL = CTRL_TX_RX_ENABLE;
}

void uart_putc(char c) {
  while (UART_STATE & STATE_TX_FULL) {
  }
  UART_DATA = (uint8_t)c;
}

int uart_try_getc(void) {
  if (!(UART_STATE & STATE_RX_FULL)) return -1;
  return (int)(UART_DATA & 0xFFu);
}

int uart_getc(void) {
  int c;
  while ((c = uart_try_getc()) < 0) {
  }
  return c;
}

void uart_write(const char *s) {
  while (*s) uart_putc(*s++);
}

void uart_write_n(const void *data, size_t n) {
  const char *p = (const char *)data;
  while (n--) uart_putc(*p++);
}

size_t uart_read_line(char *buf, size_t cap) {
  size_t len = 0;
  for (;;) {
    int c = uart_getc();
    if (c == '\n') break;
    if (c == '\r') continue;
    if (len + 1 < cap) buf[len++] = (char)c;
  }
  if (cap > 0) buf[len] = '\0';
  return len;
}
