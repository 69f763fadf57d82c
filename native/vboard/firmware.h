/* TinyDeploy vboard — loads a bootloader and a program (Intel hex or ELF) into the simulated flash.
 * Copyright (C) 2026 TinyDeploy contributors. GPL-3.0-or-later: see LICENSE in this folder. */
#ifndef VBOARD_FIRMWARE_H
#define VBOARD_FIRMWARE_H

#include <stdint.h>
#include <sim_avr.h>

/* Writes the file into flash; *lowest receives the lowest flash address written. Returns 0 or -1. */
int firmware_load(avr_t *avr, const char *path, uint32_t *lowest);

#endif
