/*
 * On-target check of the kernels' fixed-point arithmetic, run as the "model" of model_main.c: each invoke seeds a
 * generator from its 4 input bytes, compares td_srdhm (on AVR the 8x8-MUL assembly) with td_srdhm_int64 and
 * td_mbqm with the same steps over td_srdhm_int64, on every pair of edge values and SELFTEST_PAIRS random pairs,
 * and writes the two mismatch counts (little-endian uint16) to its 4 output bytes.
 */
#include <stdint.h>
#include "td_fixedpoint.h"

#define SELFTEST_PAIRS 300

static const int32_t edges[] = {0, 1, -1, 2, -2, 127, -128, 32767L, -32768L, 65535L, 65536L, -65536L, 1073741823L,
                                1073741824L, -1073741824L, 1561796740L, 2147483646L, 2147483647L, -2147483647L,
                                -2147483647L - 1L};
#define EDGE_COUNT (sizeof edges / sizeof edges[0])

static uint32_t state;

static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

/* Random magnitudes of every width and both signs, so small and large partial products both occur. */
static int32_t pick(void) {
  const uint32_t v = next() >> (next() & 31u);
  return (int32_t)((next() & 1u) ? 0u - v : v);
}

static int32_t mbqm_int64(int32_t x, int32_t m, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t right = shift > 0 ? 0 : -shift;
  return td_rdbpot(td_srdhm_int64((int32_t)((uint32_t)x << left), m), right);
}

void selftest_invoke(const int8_t *input, int8_t *output) {
  uint16_t bad_srdhm = 0, bad_mbqm = 0, i, j;
  state = ((uint32_t)(uint8_t)input[0] | ((uint32_t)(uint8_t)input[1] << 8) | ((uint32_t)(uint8_t)input[2] << 16) |
           ((uint32_t)(uint8_t)input[3] << 24)) | 1u;
  for (i = 0; i < EDGE_COUNT; ++i) {
    for (j = 0; j < EDGE_COUNT; ++j) {
      if (td_srdhm(edges[i], edges[j]) != td_srdhm_int64(edges[i], edges[j])) ++bad_srdhm;
    }
  }
  for (i = 0; i < SELFTEST_PAIRS; ++i) {
    const int32_t a = pick(), b = pick();
    /* TFLM multipliers are 0 or in [2^30, 2^31); shifts in [-31, 30]. */
    const int32_t m = (next() & 7u) ? (int32_t)(0x40000000u | (next() & 0x3FFFFFFFu)) : 0;
    const int32_t shift = (int32_t)(next() % 62u) - 31;
    if (td_srdhm(a, b) != td_srdhm_int64(a, b)) ++bad_srdhm;
    if (td_mbqm(a, m, shift) != mbqm_int64(a, m, shift)) ++bad_mbqm;
  }
  output[0] = (int8_t)(bad_srdhm & 0xFFu);
  output[1] = (int8_t)(bad_srdhm >> 8);
  output[2] = (int8_t)(bad_mbqm & 0xFFu);
  output[3] = (int8_t)(bad_mbqm >> 8);
}
