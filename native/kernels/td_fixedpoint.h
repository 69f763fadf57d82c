/* Shared int8 arithmetic of TinyDeploy's kernels: TFLM's double-rounding requantization and the flash access layer. */
#ifndef TD_FIXEDPOINT_H
#define TD_FIXEDPOINT_H

#include <stdint.h>

/* Constants (weights, biases, packed requantization constants, op parameters) live in flash; on AVR that needs PROGMEM and pgm_read. */
#if defined(__AVR__)
#include <avr/pgmspace.h>
#include "td_avr_asm.h"
#define TD_FLASH PROGMEM
#define TD_RD_I8(p) ((int8_t)pgm_read_byte(p))
#define TD_RD_U8(p) ((uint8_t)pgm_read_byte(p))
#define TD_RD_I32(p) ((int32_t)pgm_read_dword(p))
#define TD_LOAD(dst, src) memcpy_P((dst), (src), sizeof(*(dst)))
#else
#define TD_FLASH
#define TD_RD_I8(p) (*(const int8_t *)(p))
#define TD_RD_U8(p) (*(const uint8_t *)(p))
#define TD_RD_I32(p) (*(const int32_t *)(p))
#define TD_LOAD(dst, src) (*(dst) = *(src))
#endif

/* Keeps a per-output helper out of the kernels' loops (smaller code; GCC then keeps the loop state in registers). */
#if defined(__GNUC__)
#define TD_NOINLINE __attribute__((noinline))
#else
#define TD_NOINLINE
#endif

#define TD_INT32_MIN ((int32_t)(-2147483647L - 1L))
#define TD_INT32_MAX ((int32_t)2147483647L)

/* Wrapping int32 addition and subtraction: gemmlowp relies on two's-complement wrap, which C leaves undefined. */
static inline int32_t td_add_wrap(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t td_sub_wrap(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* SaturatingRoundingDoublingHighMul: (a*b*2 + round) >> 32, rounding to nearest with ties away from zero. */
static inline int32_t td_srdhm_int64(int32_t a, int32_t b) {
  int64_t ab;
  int64_t nudge;
  if (a == TD_INT32_MIN && b == TD_INT32_MIN) return TD_INT32_MAX;
  ab = (int64_t)a * (int64_t)b;
  nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
  return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

/* (ua * ub + nudge) >> 31 for ua, ub <= 2^31 and nudge < 2^31, exactly (the 64-bit product never overflows), from
   four 16x16->32 partial products. */
static inline uint32_t td_umul_round31(uint32_t ua, uint32_t ub, uint32_t nudge) {
  const uint16_t a0 = (uint16_t)ua, a1 = (uint16_t)(ua >> 16), b0 = (uint16_t)ub, b1 = (uint16_t)(ub >> 16);
  const uint32_t lo = (uint32_t)a0 * b0;
  const uint32_t m1 = (uint32_t)a0 * b1;
  const uint32_t mid = m1 + (uint32_t)a1 * b0;
  uint32_t hi = (uint32_t)a1 * b1 + (mid >> 16);
  const uint32_t low = lo + nudge;
  const uint32_t low2 = low + (mid << 16);
  if (mid < m1) hi += 0x10000u; /* carry out of the middle sum */
  if (low < lo) hi += 1u;
  if (low2 < low) hi += 1u;
  return (hi << 1) | (low2 >> 31);
}

/* The same result as td_srdhm_int64 without 64-bit arithmetic: the magnitudes' product rounded with the reference's
   nudge, the sign applied after. These are the steps of AVR's td_srdhm_avr (td_avr_asm.h);
   test/native/fixedpoint-avr.test.ts checks them against core/runtime and td_srdhm_int64. */
static inline int32_t td_srdhm_parts(int32_t a, int32_t b) {
  const uint8_t neg = (uint8_t)((a < 0) != (b < 0));
  const uint32_t ua = a < 0 ? 0u - (uint32_t)a : (uint32_t)a;
  const uint32_t ub = b < 0 ? 0u - (uint32_t)b : (uint32_t)b;
  uint32_t r;
  if (a == TD_INT32_MIN && b == TD_INT32_MIN) return TD_INT32_MAX;
  /* ab >= 0 rounds (P + 2^30) >> 31; ab < 0 is -((P + 2^30 - 1) >> 31), P = |ab| (truncating division). */
  r = td_umul_round31(ua, ub, neg ? 0x3FFFFFFFu : 0x40000000u);
  return neg ? (int32_t)(0u - r) : (int32_t)r;
}

/* The kernels' SaturatingRoundingDoublingHighMul: the 64-bit formula where 32x32->64 is one instruction (ARM, x86). */
static inline int32_t td_srdhm(int32_t a, int32_t b) {
#if defined(TD_AVR_FAST)
  if (a == TD_INT32_MIN && b == TD_INT32_MIN) return TD_INT32_MAX;
  return td_srdhm_avr(a, b);
#else
  return td_srdhm_int64(a, b);
#endif
}

/* RoundingDivideByPOT: x / 2^e rounded to nearest, ties away from zero (e in 0..31; 32-bit mask: no 64-bit shift). */
static inline int32_t td_rdbpot(int32_t x, int32_t e) {
  const int32_t mask = (int32_t)(((uint32_t)1 << e) - 1u);
  const int32_t rem = x & mask;
  const int32_t thr = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> e) + (rem > thr ? 1 : 0);
}

/* MultiplyByQuantizedMultiplier with TFLM's double rounding: left shift, high multiply, rounding right shift. */
static inline int32_t td_mbqm(int32_t x, int32_t m, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t right = shift > 0 ? 0 : -shift;
  return td_rdbpot(td_srdhm((int32_t)((uint32_t)x << left), m), right);
}

/* Saturating x * 2^k for k in 1..30 (gemmlowp's SaturatingRoundingMultiplyByPOT with a positive exponent). */
static inline int32_t td_sat_shl(int32_t x, int32_t k) {
  const int32_t thr = (int32_t)(((int32_t)1 << (31 - k)) - 1);
  if (x > thr) return TD_INT32_MAX;
  if (x < -thr) return TD_INT32_MIN;
  return (int32_t)((uint32_t)x << k);
}

static inline int32_t td_clamp(int32_t x, int32_t lo, int32_t hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

/* Index type wide enough for every tensor on every target (int is 16-bit on AVR). */
typedef int32_t td_idx;

#endif
