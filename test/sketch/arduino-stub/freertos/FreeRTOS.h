/* Compile-only stand-in for ESP-IDF's freertos/FreeRTOS.h. */
#ifndef TD_STUB_FREERTOS_H
#define TD_STUB_FREERTOS_H
#include <stdint.h>
typedef unsigned int UBaseType_t;
typedef void *TaskHandle_t;
#endif
