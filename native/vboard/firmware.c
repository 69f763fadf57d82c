/* TinyDeploy vboard — firmware files into flash: hex by its records, ELF by its loadable flash image.
 * Copyright (C) 2026 TinyDeploy contributors. GPL-3.0-or-later: see LICENSE in this folder. */
#include "firmware.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sim_elf.h>

static int ends_with(const char *s, const char *suffix) {
  size_t ls = strlen(s), lx = strlen(suffix);
  return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static int hex_byte(const char *p) {
  unsigned v;
  return sscanf(p, "%2x", &v) == 1 ? (int)v : -1;
}

/* Intel hex: data (00), end (01), extended segment (02) and linear (04) addresses; start records (03, 05) skipped. */
static int load_hex(avr_t *avr, const char *path, uint32_t *lowest) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  char line[600];
  uint8_t data[256];
  uint32_t base = 0, low = UINT32_MAX;
  int ok = 0, lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    char *p = line;
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '\r' || *p == '\n' || *p == '\0') continue;
    int count = p[0] == ':' ? hex_byte(p + 1) : -1;
    int ah = count >= 0 ? hex_byte(p + 3) : -1, al = count >= 0 ? hex_byte(p + 5) : -1;
    int type = count >= 0 ? hex_byte(p + 7) : -1;
    if (count < 0 || ah < 0 || al < 0 || type < 0 || strlen(p) < (size_t)(11 + 2 * count)) goto bad;
    unsigned sum = (unsigned)(count + ah + al + type);
    for (int i = 0; i < count; i++) {
      int b = hex_byte(p + 9 + 2 * i);
      if (b < 0) goto bad;
      data[i] = (uint8_t)b;
      sum += (unsigned)b;
    }
    int check = hex_byte(p + 9 + 2 * count);
    if (check < 0 || ((sum + (unsigned)check) & 0xFFu) != 0) goto bad;
    uint32_t addr = base + (uint32_t)((ah << 8) | al);
    if (type == 0x00) {
      if (addr + (uint32_t)count > avr->flashend + 1u) {
        fprintf(stderr, "vboard: %s does not fit the flash (line %d)\n", path, lineno);
        fclose(f);
        return -1;
      }
      avr_loadcode(avr, data, (uint32_t)count, addr);
      if (count > 0 && addr < low) low = addr;
    } else if (type == 0x01) {
      ok = 1;
      break;
    } else if (type == 0x02 && count == 2) {
      base = (uint32_t)((data[0] << 8) | data[1]) << 4;
    } else if (type == 0x04 && count == 2) {
      base = (uint32_t)((data[0] << 8) | data[1]) << 16;
    }
  }
  fclose(f);
  if (!ok || low == UINT32_MAX) {
    fprintf(stderr, "vboard: %s has no end record or no data\n", path);
    return -1;
  }
  *lowest = low;
  return 0;
bad:
  fprintf(stderr, "vboard: %s line %d is not Intel hex\n", path, lineno);
  fclose(f);
  return -1;
}

static int load_elf(avr_t *avr, const char *path, uint32_t *lowest) {
  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(path, &fw) != 0 || fw.flash == NULL || fw.flashsize == 0) return -1;
  if (fw.flashbase + fw.flashsize > avr->flashend + 1u) {
    fprintf(stderr, "vboard: %s does not fit the flash\n", path);
    return -1;
  }
  avr_loadcode(avr, fw.flash, fw.flashsize, fw.flashbase);
  *lowest = fw.flashbase;
  return 0;
}

int firmware_load(avr_t *avr, const char *path, uint32_t *lowest) {
  if (ends_with(path, ".elf") || ends_with(path, ".ELF")) return load_elf(avr, path, lowest);
  return load_hex(avr, path, lowest);
}
