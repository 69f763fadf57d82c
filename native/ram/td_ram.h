/*
 * RAM statistics of the running sketch (docs/protocol.md, the @ram line), one implementation per architecture:
 * td_ram_avr.c (heap/stack gap, stack painting), td_ram_mbed.c (mbed heap stats, RTOS thread stack),
 * td_ram_esp.c (ESP-IDF heap caps, FreeRTOS stack watermark). Each file compiles to nothing on other
 * architectures, so a library may ship them all; a sketch gets only the one its board needs.
 */
#ifndef TD_RAM_H
#define TD_RAM_H

#include <stdint.h>
#include "td_protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called once early in setup(): prepares the stack high-water mark where the architecture needs it. */
void td_ram_begin(void);

/* Fills stats now: free heap (or heap/stack gap), stack bytes ever used, the activation buffer and the total. */
void td_ram_read(td_ram_stats *stats, uint32_t act_bytes, uint32_t total_bytes);

#ifdef __cplusplus
}
#endif

#endif
