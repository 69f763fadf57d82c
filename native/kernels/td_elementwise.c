/* ADD rescales both inputs to a common 2^20-scaled domain before summing; MUL multiplies offsets then rescales. */
#include "td_elementwise.h"

static int32_t td_add_one(const td_binary_params *p, int32_t a, int32_t b) {
  const int32_t sa = (int32_t)((uint32_t)(a + p->input1_offset) << p->left_shift);
  const int32_t sb = (int32_t)((uint32_t)(b + p->input2_offset) << p->left_shift);
  const int32_t ra = td_mbqm(sa, p->input1_multiplier, p->input1_shift);
  const int32_t rb = td_mbqm(sb, p->input2_multiplier, p->input2_shift);
  const int32_t sum = td_mbqm(ra + rb, p->output_multiplier, p->output_shift) + p->output_offset;
  return td_clamp(sum, p->act_min, p->act_max);
}

static int32_t td_mul_one(const td_binary_params *p, int32_t a, int32_t b) {
  const int32_t prod = (a + p->input1_offset) * (b + p->input2_offset);
  const int32_t y = td_mbqm(prod, p->output_multiplier, p->output_shift) + p->output_offset;
  return td_clamp(y, p->act_min, p->act_max);
}

static void td_binary_s8(const td_binary_params *params, const int8_t *in1, const int8_t *in2, int8_t *output,
                         int is_mul) {
  td_binary_params p;
  td_idx i0, i1, i2, i3;
  TD_LOAD(&p, params);
  for (i0 = 0; i0 < p.dims[0]; ++i0) {
    for (i1 = 0; i1 < p.dims[1]; ++i1) {
      for (i2 = 0; i2 < p.dims[2]; ++i2) {
        const int8_t *a = in1 + i0 * p.stride1[0] + i1 * p.stride1[1] + i2 * p.stride1[2];
        const int8_t *b = in2 + i0 * p.stride2[0] + i1 * p.stride2[1] + i2 * p.stride2[2];
        for (i3 = 0; i3 < p.dims[3]; ++i3) {
          const int32_t x = a[i3 * p.stride1[3]];
          const int32_t y = b[i3 * p.stride2[3]];
          *output++ = (int8_t)(is_mul ? td_mul_one(&p, x, y) : td_add_one(&p, x, y));
        }
      }
    }
  }
}

void td_add_s8(const td_binary_params *params, const int8_t *input1, const int8_t *input2, int8_t *output) {
  td_binary_s8(params, input1, input2, output, 0);
}

void td_mul_s8(const td_binary_params *params, const int8_t *input1, const int8_t *input2, int8_t *output) {
  td_binary_s8(params, input1, input2, output, 1);
}
