/* Compile-only stand-in for CMSIS-RTOS2's cmsis_os2.h (the calls td_ram_mbed.c makes). */
#ifndef TD_STUB_CMSIS_OS2_H
#define TD_STUB_CMSIS_OS2_H
#include <stdint.h>
typedef void *osThreadId_t;
osThreadId_t osThreadGetId(void);
uint32_t osThreadGetStackSize(osThreadId_t thread_id);
uint32_t osThreadGetStackSpace(osThreadId_t thread_id);
#endif
