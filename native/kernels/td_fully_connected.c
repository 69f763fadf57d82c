/* FULLY_CONNECTED: one dot product per output, bias, double-rounding requantization, clamp. */
#include "td_fully_connected.h"

#if defined(TD_AVR_FAST)
/*
 * AVR: int8 x int8 fits int16 (one hardware multiply), so with a zero filter offset (every int8 TFLite model: the
 * weights are symmetric) the reference's sum of w * (x + io) is sum(w * (x + 128)) when io is 128 (MULSU) and
 * sum(w * x) + io * sum(w) otherwise (MULS), both equal to it modulo 2^32: no libgcc 32-bit multiply per element.
 * Out of line, so the asm loops' registers never depend on the caller's.
 */
static TD_NOINLINE int32_t td_fc_dot_avr(const int8_t *w, const int8_t *x, uint16_t n, int32_t input_offset) {
  int32_t ws, wx;
  if (n == 0) return 0;
  if (input_offset == 128) return td_dot_avr_offset128(w, x, n);
  wx = td_dot_avr(w, x, n, &ws);
  return td_add_wrap(wx, (int32_t)((uint32_t)ws * (uint32_t)input_offset));
}

/* The AVR loop: 16-bit counters and a running filter pointer (AVR addresses fit 16 bits). */
static void td_fc_avr(const td_fc_params *p, const int8_t *input, int8_t *output) {
  const uint16_t depth = (uint16_t)p->accum_depth;
  uint16_t b, o;
  for (b = 0; b < (uint16_t)p->batches; ++b, input += depth) {
    const int8_t *w = p->filter;
    for (o = 0; o < (uint16_t)p->out_depth; ++o, w += depth) {
      int32_t acc = td_fc_dot_avr(w, input, depth, p->input_offset);
      if (p->bias) acc = td_add_wrap(acc, TD_RD_I32(&p->bias[o]));
      /* td_requant_at's steps written out: -Os would otherwise call it out of line (~100 cycles per output). */
      if (p->requant.packed) {
        acc = p->requant.packed(&p->requant, o, acc);
      } else {
        const int32_t m = p->requant.mult ? TD_RD_I32(&p->requant.mult[o]) : p->requant.mult_base;
        acc = td_mbqm(acc, m, p->requant.mult ? TD_RD_I8(&p->requant.bytes[o]) : p->requant.shift_base);
      }
      *output++ = (int8_t)td_clamp(acc + p->output_offset, p->act_min, p->act_max);
    }
  }
}
#endif

void td_fully_connected_s8(const td_fc_params *params, const int8_t *input, int8_t *output) {
  td_fc_params p;
  td_idx b, o, d;
  TD_LOAD(&p, params);
#if defined(TD_AVR_FAST)
  if (p.filter_offset == 0) {
    td_fc_avr(&p, input, output);
    return;
  }
#endif
  for (b = 0; b < p.batches; ++b) {
    const int8_t *row = input + b * p.accum_depth;
    for (o = 0; o < p.out_depth; ++o) {
      const int8_t *w = p.filter + o * p.accum_depth;
      int32_t acc = 0;
      for (d = 0; d < p.accum_depth; ++d) {
        acc += ((int32_t)TD_RD_I8(&w[d]) + p.filter_offset) * ((int32_t)row[d] + p.input_offset);
      }
      if (p.bias) acc += TD_RD_I32(&p.bias[o]);
      acc = td_requant_at(&p.requant, o, acc);
      *output++ = (int8_t)td_clamp(acc + p.output_offset, p.act_min, p.act_max);
    }
  }
}
