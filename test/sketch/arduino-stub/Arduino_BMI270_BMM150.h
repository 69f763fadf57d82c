/* Compile-only stand-in for Arduino_BMI270_BMM150.h. */
#include "imu-api.h"
