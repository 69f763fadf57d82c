/* Per-channel requantization constants, plain or packed: core/codegen/requant-pack.ts writes them, td_requant_at reads them. */
#ifndef TD_REQUANT_H
#define TD_REQUANT_H

#include "td_fixedpoint.h"

/*
 * Two layouts, chosen per op by codegen (requant-pack.ts) for size against decode time:
 * - plain: `mult` holds one multiplier and `bytes` one int8 shift per channel (fast; for ops that requantize
 *   each channel many times per inference);
 * - packed (`mult` is 0): channel c's multiplier and shift are
 *     multiplier = mult_base + (payload << mult_zeros),  shift = shift_base + shift_code,
 *   where payload (mult_bits wide) and then shift_code (shift_bits wide) are the bits of entry c of `bytes`, entry
 *   c starting at bit c * (mult_bits + shift_bits), least significant bit first. When every channel shares one
 *   multiplier and shift, both widths are 0 and `bytes` is 0. Codegen pads `bytes` so every 5-byte read stays in.
 */
typedef struct {
  const int32_t *mult;   /* plain layout, in flash; 0 when packed */
  const uint8_t *bytes;  /* in flash: plain, the int8 shifts; packed, the entries (0 when all are shared) */
  int32_t mult_base;
  int8_t shift_base;
  uint8_t mult_bits, mult_zeros, shift_bits;
} td_requant;

/* The packed layout's MultiplyByQuantizedMultiplier: out of line, one copy serves every kernel. */
int32_t td_requant_packed(const td_requant *q, td_idx c, int32_t acc);

/* MultiplyByQuantizedMultiplier of acc with channel c's constants (q is a RAM copy of the op's td_requant). */
static inline int32_t td_requant_at(const td_requant *q, td_idx c, int32_t acc) {
  if (q->mult) return td_mbqm(acc, TD_RD_I32(&q->mult[c]), TD_RD_I8(&q->bytes[c]));
  return td_requant_packed(q, c, acc);
}

#endif
