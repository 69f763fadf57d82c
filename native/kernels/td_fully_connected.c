/* FULLY_CONNECTED: one dot product per output, bias, double-rounding requantization, clamp. */
#include "td_fully_connected.h"

#if defined(__AVR__)
/*
 * AVR: int8 x int8 fits int16 (one MULS), so with a zero filter offset (every int8 TFLite model: weights are
 * symmetric) the reference's sum of (w)(x + io) is computed as sum(w*x) + io * sum(w), equal modulo 2^32: the
 * inner loop drops libgcc's 32-bit multiply and the 32-bit loop counters.
 */
static int32_t td_fc_dot_avr(const int8_t *w, const int8_t *x, uint16_t n, int32_t input_offset) {
  int32_t wx = 0; /* sum of w * x */
  int32_t ws = 0; /* sum of w */
  uint8_t wv, xv, sign;
  if (n == 0) return 0;
  /* Per element: LPM the weight, MULS it by the input, add both the product and the weight sign-extended. */
  __asm__ volatile(
      "1: lpm %[wv], Z+\n\t"
      "ld %[xv], X+\n\t"
      "muls %[wv], %[xv]\n\t"
      "mov %[sg], r1\n\t"
      "lsl %[sg]\n\t"
      "sbc %[sg], %[sg]\n\t"
      "add %A[wx], r0\n\t"
      "adc %B[wx], r1\n\t"
      "adc %C[wx], %[sg]\n\t"
      "adc %D[wx], %[sg]\n\t"
      "mov %[sg], %[wv]\n\t"
      "lsl %[sg]\n\t"
      "sbc %[sg], %[sg]\n\t"
      "add %A[ws], %[wv]\n\t"
      "adc %B[ws], %[sg]\n\t"
      "adc %C[ws], %[sg]\n\t"
      "adc %D[ws], %[sg]\n\t"
      "sbiw %[n], 1\n\t"
      "brne 1b\n\t"
      "clr r1"
      : [wx] "+r"(wx), [ws] "+r"(ws), [n] "+w"(n), [wv] "=&d"(wv), [xv] "=&d"(xv), [sg] "=&r"(sign), "+z"(w), "+x"(x)
      :
      : "memory");
  return td_add_wrap(wx, (int32_t)((uint32_t)ws * (uint32_t)input_offset));
}

/* Out of line on AVR: inside the output loop the 32-bit requantization spills most of its registers to the stack. */
static __attribute__((noinline)) int32_t td_fc_requant_avr(int32_t acc, int32_t m, int32_t shift) {
  return td_mbqm(acc, m, shift);
}
#define TD_FC_MBQM td_fc_requant_avr
#else
#define TD_FC_MBQM td_mbqm
#endif

/* The reference dot product of (w + filter_offset) and (x + input_offset), wrapping like int32 hardware. */
static int32_t td_fc_dot(const td_fc_params *p, const int8_t *w, const int8_t *x) {
  uint32_t acc = 0;
  td_idx d;
#if defined(__AVR__)
  if (p->filter_offset == 0) return td_fc_dot_avr(w, x, (uint16_t)p->accum_depth, p->input_offset);
#endif
  for (d = 0; d < p->accum_depth; ++d) {
    acc += (uint32_t)(((int32_t)TD_RD_I8(&w[d]) + p->filter_offset) * ((int32_t)x[d] + p->input_offset));
  }
  return (int32_t)acc;
}

void td_fully_connected_s8(const td_fc_params *params, const int8_t *input, int8_t *output) {
  td_fc_params p;
  td_idx b, o;
  TD_LOAD(&p, params);
  for (b = 0; b < p.batches; ++b) {
    const int8_t *row = input + b * p.accum_depth;
    const int8_t *w = p.filter;
    for (o = 0; o < p.out_depth; ++o, w += p.accum_depth) {
      int32_t acc = td_fc_dot(&p, w, row);
      if (p.bias) acc = td_add_wrap(acc, TD_RD_I32(&p.bias[o]));
      /* Plain and shared constants inline (as TFLM's loop); only packed tables call out, to their decoder. */
      if (p.requant.packed) {
        acc = p.requant.packed(&p.requant, o, acc);
      } else {
        const int32_t m = p.requant.mult ? TD_RD_I32(&p.requant.mult[o]) : p.requant.mult_base;
        acc = TD_FC_MBQM(acc, m, p.requant.mult ? TD_RD_I8(&p.requant.bytes[o]) : p.requant.shift_base);
      }
      *output++ = (int8_t)td_clamp(acc + p.output_offset, p.act_min, p.act_max);
    }
  }
}
