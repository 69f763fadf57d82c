/* Per-channel requantization constants, packed: core/codegen/requant-pack.ts writes them, td_requant_at reads them. */
#ifndef TD_REQUANT_H
#define TD_REQUANT_H

#include "td_fixedpoint.h"

/*
 * Channel c's multiplier and shift are
 *   multiplier = mult_base + (payload << mult_zeros),  shift = shift_base + shift_code,
 * where payload (mult_bits wide) and then shift_code (shift_bits wide) are the bits of entry c of `bits`, entry c
 * starting at bit c * (mult_bits + shift_bits), least significant bit first. When every channel shares one
 * multiplier and shift, both widths are 0 and `bits` is 0. Codegen pads `bits` so every 5-byte read stays inside.
 */
typedef struct {
  const uint8_t *bits; /* in flash; may be 0 */
  int32_t mult_base;
  int8_t shift_base;
  uint8_t mult_bits, mult_zeros, shift_bits;
} td_requant;

/* MultiplyByQuantizedMultiplier of acc with channel c's constants (q is a RAM copy of the op's td_requant).
   Out of line: one copy serves every kernel, which matters more for flash than the call costs. */
int32_t td_requant_at(const td_requant *q, td_idx c, int32_t acc);

#endif
