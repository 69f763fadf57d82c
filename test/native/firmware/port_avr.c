/* Firmware port for the ATmega328P (simulated Uno): polled USART0 at 115200 baud (U2X), no timer. */
#include <avr/io.h>
#include <stdint.h>

void port_init(void) {
  UCSR0A = (uint8_t)(1u << U2X0);
  UBRR0H = 0;
  UBRR0L = (uint8_t)(F_CPU / 8UL / 115200UL - 1UL);
  UCSR0B = (uint8_t)((1u << RXEN0) | (1u << TXEN0));
  UCSR0C = (uint8_t)((1u << UCSZ01) | (1u << UCSZ00));
}

int port_getc(void) {
  while (!(UCSR0A & (1u << RXC0))) {
  }
  return UDR0;
}

void port_putc(char c) {
  while (!(UCSR0A & (1u << UDRE0))) {
  }
  UDR0 = (uint8_t)c;
}

uint32_t port_ticks(void) { return 0; }
