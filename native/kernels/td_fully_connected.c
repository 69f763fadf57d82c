/* FULLY_CONNECTED: one dot product per output, bias, double-rounding requantization, clamp. */
#include "td_fully_connected.h"

void td_fully_connected_s8(const td_fc_params *params, const int8_t *input, int8_t *output) {
  td_fc_params p;
  td_idx b, o, d;
  TD_LOAD(&p, params);
  for (b = 0; b < p.batches; ++b) {
    const int8_t *row = input + b * p.accum_depth;
    for (o = 0; o < p.out_depth; ++o) {
      const int8_t *w = p.filter + o * p.accum_depth;
      int32_t acc = 0;
      for (d = 0; d < p.accum_depth; ++d) {
        acc += ((int32_t)TD_RD_I8(&w[d]) + p.filter_offset) * ((int32_t)row[d] + p.input_offset);
      }
      if (p.bias) acc += TD_RD_I32(&p.bias[o]);
      /* Plain and shared constants inline (as TFLM's loop); only packed tables call out, to their decoder. */
      if (p.requant.packed) {
        acc = p.requant.packed(&p.requant, o, acc);
      } else {
        const int32_t m = p.requant.mult ? TD_RD_I32(&p.requant.mult[o]) : p.requant.mult_base;
        acc = td_mbqm(acc, m, p.requant.mult ? TD_RD_I8(&p.requant.bytes[o]) : p.requant.shift_base);
      }
      *output++ = (int8_t)td_clamp(acc + p.output_offset, p.act_min, p.act_max);
    }
  }
}
