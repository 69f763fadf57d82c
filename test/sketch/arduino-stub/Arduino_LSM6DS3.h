/* Compile-only stand-in for Arduino_LSM6DS3.h. */
#include "imu-api.h"
