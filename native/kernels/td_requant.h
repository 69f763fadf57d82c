/* Per-channel requantization constants, plain or packed: core/codegen/requant-pack.ts writes them, td_requant_at reads them. */
#ifndef TD_REQUANT_H
#define TD_REQUANT_H

#include "td_fixedpoint.h"

/*
 * Two layouts, chosen per op by codegen (requant-pack.ts) for size against decode time:
 * - plain: `mult` holds one multiplier and `bytes` one int8 shift per channel (fast; for ops that requantize
 *   each channel many times per inference);
 * - shared: every channel uses mult_base and shift_base (no table);
 * - packed (`packed` set): channel c's multiplier and shift are
 *     multiplier = mult_base + (payload << mult_zeros),  shift = shift_base + shift_code,
 *   where payload (mult_bits wide) and then shift_code (shift_bits wide) are the bits of entry c of `bytes`, entry
 *   c starting at bit c * (mult_bits + shift_bits), least significant bit first. Codegen pads `bytes` so every
 *   5-byte read stays inside.
 */
typedef struct td_requant td_requant;

/* The packed layout's MultiplyByQuantizedMultiplier. Ops reach it through td_requant.packed, so a model that uses
   no packed table does not link it (its ~300 bytes matter on an Uno). */
int32_t td_requant_packed(const td_requant *q, td_idx c, int32_t acc);

struct td_requant {
  int32_t (*packed)(const td_requant *q, td_idx c, int32_t acc); /* td_requant_packed, or 0 */
  const int32_t *mult;  /* plain layout, in flash; 0 otherwise */
  const uint8_t *bytes; /* in flash: plain, the int8 shifts; packed, the entries */
  int32_t mult_base;    /* packed and shared */
  int8_t shift_base;
  uint8_t mult_bits, mult_zeros, shift_bits;
};

/* MultiplyByQuantizedMultiplier of acc with channel c's constants (q is a RAM copy of the op's td_requant). Plain and
   shared constants are read inline; only packed tables call out, to the decoder their op links. */
static inline int32_t td_requant_at(const td_requant *q, td_idx c, int32_t acc) {
  if (q->packed) return q->packed(q, c, acc);
  return td_mbqm(acc, q->mult ? TD_RD_I32(&q->mult[c]) : q->mult_base, q->mult ? TD_RD_I8(&q->bytes[c]) : q->shift_base);
}

#endif
