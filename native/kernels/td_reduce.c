/* MEAN: integer sums are exact, so summing per output in any order matches TFLM's scratch-buffer loop. */
#include "td_reduce.h"

void td_mean_s8(const td_mean_params *params, const int8_t *input, int8_t *output) {
  td_mean_params p;
  td_idx outer[4], inner[4], stride[4];
  td_idx o0, o1, o2, o3, r0, r1, r2, r3;
  int d;
  TD_LOAD(&p, params);
  stride[3] = 1;
  for (d = 2; d >= 0; --d) stride[d] = stride[d + 1] * p.dims[d + 1];
  for (d = 0; d < 4; ++d) {
    outer[d] = p.reduced[d] ? 1 : p.dims[d];
    inner[d] = p.reduced[d] ? p.dims[d] : 1;
  }
  for (o0 = 0; o0 < outer[0]; ++o0)
    for (o1 = 0; o1 < outer[1]; ++o1)
      for (o2 = 0; o2 < outer[2]; ++o2)
        for (o3 = 0; o3 < outer[3]; ++o3) {
          const int8_t *base = input + o0 * stride[0] + o1 * stride[1] + o2 * stride[2] + o3 * stride[3];
          int32_t sum = 0;
          int32_t y;
          for (r0 = 0; r0 < inner[0]; ++r0)
            for (r1 = 0; r1 < inner[1]; ++r1)
              for (r2 = 0; r2 < inner[2]; ++r2)
                for (r3 = 0; r3 < inner[3]; ++r3) {
                  sum += base[r0 * stride[0] + r1 * stride[1] + r2 * stride[2] + r3 * stride[3]];
                }
          y = td_mbqm(sum - p.zp_times_count, p.multiplier, p.shift) + p.output_zero_point;
          *output++ = (int8_t)td_clamp(y, -128, 127);
        }
}
