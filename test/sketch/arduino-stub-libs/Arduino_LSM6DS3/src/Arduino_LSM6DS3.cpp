// No sensor: begin() fails, so a sketch runs on without samples (as it does with the real library and no module).
#include "Arduino_LSM6DS3.h"

LSM6DS3Class IMU;

int LSM6DS3Class::begin() { return 0; }
void LSM6DS3Class::end() {}
int LSM6DS3Class::readAcceleration(float &x, float &y, float &z) {
  x = y = z = 0.0f;
  return 0;
}
int LSM6DS3Class::accelerationAvailable() { return 0; }
