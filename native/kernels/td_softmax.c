/* SOFTMAX: max pass, exp-sum pass in Q12.19, then a fixed-point reciprocal scales each exp. */
#include "td_softmax.h"
#include "td_transcendental.h"

static int32_t td_clz32(uint32_t x) {
  int32_t n = 0;
  if (x == 0) return 32;
  while (!(x & 0x80000000UL)) {
    x <<= 1;
    ++n;
  }
  return n;
}

static int32_t td_softmax_exp(const td_softmax_params *p, int32_t diff) {
  const int32_t scaled = td_srdhm((int32_t)((uint32_t)diff << p->input_left_shift), p->input_multiplier);
  return td_exp_on_negative_values(scaled, 5);
}

void td_softmax_s8(const td_softmax_params *params, const int8_t *input, int8_t *output) {
  td_softmax_params p;
  td_idx r, c;
  TD_LOAD(&p, params);
  for (r = 0; r < p.rows; ++r) {
    const int8_t *in = input + r * p.depth;
    int8_t *out = output + r * p.depth;
    int32_t max = -128;
    int32_t sum = 0;
    int32_t headroom, bits_over_unit, scale;
    for (c = 0; c < p.depth; ++c) {
      if (in[c] > max) max = in[c];
    }
    for (c = 0; c < p.depth; ++c) {
      const int32_t diff = (int32_t)in[c] - max;
      if (diff >= p.diff_min) sum = td_add_wrap(sum, td_rdbpot(td_softmax_exp(&p, diff), 12));
    }
    headroom = td_clz32((uint32_t)sum);
    bits_over_unit = 12 - headroom;
    scale = td_one_over_one_plus_x((int32_t)(((uint32_t)sum << headroom) - 0x80000000UL));
    for (c = 0; c < p.depth; ++c) {
      const int32_t diff = (int32_t)in[c] - max;
      if (diff >= p.diff_min) {
        const int32_t e = td_softmax_exp(&p, diff);
        const int32_t y = td_rdbpot(td_srdhm(scale, e), bits_over_unit + 23) - 128;
        out[c] = (int8_t)td_clamp(y, -128, 127);
      } else {
        out[c] = -128;
      }
    }
  }
}
