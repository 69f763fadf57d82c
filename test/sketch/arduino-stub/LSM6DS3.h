/* Compile-only stand-in for Seeed Arduino LSM6DS3's LSM6DS3.h. */
#ifndef TD_STUB_LSM6DS3_H
#define TD_STUB_LSM6DS3_H
#include <stdint.h>
#define I2C_MODE 0
class LSM6DS3 {
 public:
  LSM6DS3(uint8_t bus, uint8_t address);
  uint8_t begin(void);
  float readFloatAccelX(void);
  float readFloatAccelY(void);
  float readFloatAccelZ(void);
};
#endif
