/* Compile-only stand-in for Arduino_LSM9DS1.h. */
#include "imu-api.h"
