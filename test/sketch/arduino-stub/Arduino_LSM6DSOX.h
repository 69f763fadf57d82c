/* Compile-only stand-in for Arduino_LSM6DSOX.h. */
#include "imu-api.h"
