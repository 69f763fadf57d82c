/* PAD, CONCATENATION and copies: no arithmetic, only index mapping. */
#include "td_shape_ops.h"

void td_pad_s8(const td_pad_params *params, const int8_t *input, int8_t *output) {
  td_pad_params p;
  td_idx o0, o1, o2, o3;
  TD_LOAD(&p, params);
  for (o0 = 0; o0 < p.out_dims[0]; ++o0) {
    const td_idx i0 = o0 - p.before[0];
    for (o1 = 0; o1 < p.out_dims[1]; ++o1) {
      const td_idx i1 = o1 - p.before[1];
      for (o2 = 0; o2 < p.out_dims[2]; ++o2) {
        const td_idx i2 = o2 - p.before[2];
        const int inside = i0 >= 0 && i0 < p.in_dims[0] && i1 >= 0 && i1 < p.in_dims[1] && i2 >= 0 &&
                           i2 < p.in_dims[2];
        for (o3 = 0; o3 < p.out_dims[3]; ++o3) {
          const td_idx i3 = o3 - p.before[3];
          if (inside && i3 >= 0 && i3 < p.in_dims[3]) {
            *output++ = input[((i0 * p.in_dims[1] + i1) * p.in_dims[2] + i2) * p.in_dims[3] + i3];
          } else {
            *output++ = (int8_t)p.pad_value;
          }
        }
      }
    }
  }
}

void td_concat_part_s8(td_idx outer, td_idx chunk, td_idx out_stride, const int8_t *input, int8_t *output) {
  td_idx o, i;
  for (o = 0; o < outer; ++o) {
    for (i = 0; i < chunk; ++i) output[o * out_stride + i] = *input++;
  }
}

void td_copy_s8(td_idx count, const int8_t *input, int8_t *output) {
  td_idx i;
  if (input == output) return;
  for (i = 0; i < count; ++i) output[i] = input[i];
}
