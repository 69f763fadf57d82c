/* Pooling over the in-image part of each window; the average rounds half away from zero as TFLM. */
#include "td_pooling.h"

static void td_pool_s8(const td_pool_params *params, const int8_t *input, int8_t *output, int is_max) {
  td_pool_params p;
  td_idx b, oy, ox, c, iy, ix;
  TD_LOAD(&p, params);
  for (b = 0; b < p.batches; ++b) {
    for (oy = 0; oy < p.out_h; ++oy) {
      const td_idx y0 = oy * p.stride_h - p.pad_top;
      const td_idx ys = y0 < 0 ? 0 : y0;
      const td_idx ye = y0 + p.filter_h > p.in_h ? p.in_h : y0 + p.filter_h;
      for (ox = 0; ox < p.out_w; ++ox) {
        const td_idx x0 = ox * p.stride_w - p.pad_left;
        const td_idx xs = x0 < 0 ? 0 : x0;
        const td_idx xe = x0 + p.filter_w > p.in_w ? p.in_w : x0 + p.filter_w;
        for (c = 0; c < p.channels; ++c) {
          int32_t acc = is_max ? -128 : 0;
          int32_t count = 0;
          for (iy = ys; iy < ye; ++iy) {
            for (ix = xs; ix < xe; ++ix) {
              const int32_t v = input[((b * p.in_h + iy) * p.in_w + ix) * p.channels + c];
              if (is_max) {
                if (v > acc) acc = v;
              } else {
                acc += v;
              }
              ++count;
            }
          }
          if (!is_max && count > 0) {
            acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
          }
          *output++ = (int8_t)td_clamp(acc, p.act_min, p.act_max);
        }
      }
    }
  }
}

void td_average_pool_s8(const td_pool_params *params, const int8_t *input, int8_t *output) {
  td_pool_s8(params, input, output, 0);
}

void td_max_pool_s8(const td_pool_params *params, const int8_t *input, int8_t *output) {
  td_pool_s8(params, input, output, 1);
}
