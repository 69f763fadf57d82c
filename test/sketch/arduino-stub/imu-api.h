/* The Arduino IMU library API (Arduino_LSM9DS1, Arduino_BMI270_BMM150, Arduino_LSM6DSOX, Arduino_LSM6DS3 all
 * export an object IMU with these calls), for compile-only checks. */
#ifndef TD_STUB_IMU_API_H
#define TD_STUB_IMU_API_H
class TdStubImu {
 public:
  int begin(void);
  int accelerationAvailable(void);
  int readAcceleration(float &x, float &y, float &z);
};
extern TdStubImu IMU;
#endif
