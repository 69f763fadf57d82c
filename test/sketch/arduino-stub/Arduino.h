/* A minimal Arduino API for compile-only checks of rendered sketches on targets whose core cannot be installed
 * here (mbed nRF52840, RP2040, ESP32): exactly what the templates use, declared, never run. */
#ifndef TD_STUB_ARDUINO_H
#define TD_STUB_ARDUINO_H

#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <math.h>

#ifdef __cplusplus
class __FlashStringHelper;
#define F(s) (reinterpret_cast<const __FlashStringHelper *>(s))

class HardwareSerial {
 public:
  void begin(unsigned long baud);
  explicit operator bool() const;
  size_t write(const uint8_t *data, size_t len);
  int read(void);
  size_t println(const __FlashStringHelper *text);
};
extern HardwareSerial Serial;

extern "C" {
#endif

unsigned long millis(void);
unsigned long micros(void);
void delay(unsigned long ms);
int analogRead(uint8_t pin);

#ifdef __cplusplus
}
#endif

#define A0 14
#define A1 15
#define A2 16
#define A3 17

#endif
