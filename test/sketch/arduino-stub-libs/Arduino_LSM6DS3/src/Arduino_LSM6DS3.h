// Compile-and-link stand-in for Arduino_LSM6DS3: the IMU object with the real library's calls, no sensor behind it.
#ifndef TD_STUB_ARDUINO_LSM6DS3_H
#define TD_STUB_ARDUINO_LSM6DS3_H

class LSM6DS3Class {
 public:
  int begin();
  void end();
  int readAcceleration(float &x, float &y, float &z);
  int accelerationAvailable();
};

extern LSM6DS3Class IMU;

#endif
