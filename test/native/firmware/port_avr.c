/* Firmware port for the ATmega328P (simulated Uno): polled USART0 at 115200 baud (U2X); Timer1 counts CPU cycles. */
#include <avr/interrupt.h>
#include <avr/io.h>
#include <stdint.h>

static volatile uint16_t timer1_high; /* Timer1 overflows: the cycle count's upper 16 bits */

ISR(TIMER1_OVF_vect) { ++timer1_high; }

void port_init(void) {
  UCSR0A = (uint8_t)(1u << U2X0);
  UBRR0H = 0;
  UBRR0L = (uint8_t)(F_CPU / 8UL / 115200UL - 1UL);
  UCSR0B = (uint8_t)((1u << RXEN0) | (1u << TXEN0));
  UCSR0C = (uint8_t)((1u << UCSZ01) | (1u << UCSZ00));
  TCCR1A = 0;
  TCCR1B = (uint8_t)(1u << CS10); /* no prescaler: one tick per CPU cycle */
  TIMSK1 = (uint8_t)(1u << TOIE1);
  sei();
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

/* CPU cycles since port_init (wraps after 2^32): an overflow pending while interrupts are off is counted here. */
uint32_t port_ticks(void) {
  uint16_t low, high;
  const uint8_t sreg = SREG;
  cli();
  low = TCNT1;
  high = timer1_high;
  if ((TIFR1 & (1u << TOV1)) && low < 0x8000u) ++high;
  SREG = sreg;
  return ((uint32_t)high << 16) | low;
}
