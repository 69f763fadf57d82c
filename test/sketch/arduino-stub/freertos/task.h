/* Compile-only stand-in for ESP-IDF's freertos/task.h. */
#include "FreeRTOS.h"
UBaseType_t uxTaskGetStackHighWaterMark(TaskHandle_t task);
