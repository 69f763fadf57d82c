/*
 * Bare-metal support for the Cortex-M4F of QEMU's mps2-an386 board (TinyDeploy's simulated Cortex-M4F).
 *
 * What a program gets, with no protocol on top (plain bytes on CMSDK UART0, which QEMU puts on a pty):
 *   uart_putc(c)        blocking write of one byte
 *   uart_getc()         blocking read of one byte
 *   uart_try_getc()     one byte, or -1 when nothing has arrived
 *   uart_write(s)       writes a NUL-terminated string (no newline added)
 *   uart_write_n(p, n)  writes n bytes
 *   uart_read_line(buf, cap)  reads up to '\n' (dropped, '\r' too), keeps at most cap-1 bytes, NUL-terminates,
 *                       returns the stored length; the rest of an overlong line is read and discarded
 *   mps2_ticks()        free-running 32-bit up-counter of timer0 at MPS2_TIMER_HZ (25 MHz, wraps after ~171 s)
 *
 * The startup code (startup.c) enables UART0 (115200-style divider) and timer0 before main(), so main() can use
 * all of the above at once. Under `qemu -icount shift=7` one instruction takes 128 ns of virtual time, so
 * instructions = ticks * 40 / 128 (MPS2_TICKS_TO_INSNS): a reproducible cost measure for two builds.
 * Note: QEMU connects a pty client about once a second; bytes written before that are dropped.
 */
#ifndef TINYDEPLOY_MPS2_H
#define TINYDEPLOY_MPS2_H

#include <stddef.h>
#include <stdint.h>

#define MPS2_TIMER_HZ 25000000u
#define MPS2_TICKS_TO_INSNS(ticks) (((uint64_t)(ticks) * 40u) / 128u)

void uart_init(void);
void uart_putc(char c);
int uart_getc(void);
int uart_try_getc(void);
void uart_write(const char *s);
void uart_write_n(const void *data, size_t n);
size_t uart_read_line(char *buf, size_t cap);

void mps2_timer_init(void);
uint32_t mps2_ticks(void);

#endif
