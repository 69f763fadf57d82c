/* CONV_2D and DEPTHWISE_CONV_2D: only in-image taps are summed, so padding contributes nothing (as TFLM). */
#include "td_conv.h"

static int8_t td_conv_requantize(const td_conv_params *p, int32_t acc, td_idx oc) {
  if (p->bias) acc += TD_RD_I32(&p->bias[oc]);
  acc = td_mbqm(acc, TD_RD_I32(&p->multiplier[oc]), TD_RD_I8(&p->shift[oc]));
  return (int8_t)td_clamp(acc + p->output_offset, p->act_min, p->act_max);
}

void td_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output) {
  td_conv_params p;
  td_idx b, oy, ox, oc, ky, kx, ic;
  td_idx per_group;
  TD_LOAD(&p, params);
  per_group = p.out_c / (p.in_c / p.filter_in_c);
  for (b = 0; b < p.batches; ++b) {
    for (oy = 0; oy < p.out_h; ++oy) {
      const td_idx y0 = oy * p.stride_h - p.pad_top;
      for (ox = 0; ox < p.out_w; ++ox) {
        const td_idx x0 = ox * p.stride_w - p.pad_left;
        for (oc = 0; oc < p.out_c; ++oc) {
          const td_idx ic0 = (oc / per_group) * p.filter_in_c;
          const int8_t *w = p.filter + oc * p.filter_h * p.filter_w * p.filter_in_c;
          int32_t acc = 0;
          for (ky = 0; ky < p.filter_h; ++ky) {
            const td_idx iy = y0 + ky * p.dilation_h;
            if (iy < 0 || iy >= p.in_h) continue;
            for (kx = 0; kx < p.filter_w; ++kx) {
              const td_idx ix = x0 + kx * p.dilation_w;
              const int8_t *in_px;
              const int8_t *w_px;
              if (ix < 0 || ix >= p.in_w) continue;
              in_px = input + ((b * p.in_h + iy) * p.in_w + ix) * p.in_c + ic0;
              w_px = w + (ky * p.filter_w + kx) * p.filter_in_c;
              for (ic = 0; ic < p.filter_in_c; ++ic) {
                acc += (int32_t)TD_RD_I8(&w_px[ic]) * ((int32_t)in_px[ic] + p.input_offset);
              }
            }
          }
          *output++ = td_conv_requantize(&p, acc, oc);
        }
      }
    }
  }
}

void td_depthwise_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output) {
  td_conv_params p;
  td_idx b, oy, ox, oc, ky, kx;
  TD_LOAD(&p, params);
  for (b = 0; b < p.batches; ++b) {
    for (oy = 0; oy < p.out_h; ++oy) {
      const td_idx y0 = oy * p.stride_h - p.pad_top;
      for (ox = 0; ox < p.out_w; ++ox) {
        const td_idx x0 = ox * p.stride_w - p.pad_left;
        for (oc = 0; oc < p.out_c; ++oc) {
          const td_idx ic = oc / p.depth_multiplier;
          int32_t acc = 0;
          for (ky = 0; ky < p.filter_h; ++ky) {
            const td_idx iy = y0 + ky * p.dilation_h;
            if (iy < 0 || iy >= p.in_h) continue;
            for (kx = 0; kx < p.filter_w; ++kx) {
              const td_idx ix = x0 + kx * p.dilation_w;
              int32_t x;
              if (ix < 0 || ix >= p.in_w) continue;
              x = (int32_t)input[((b * p.in_h + iy) * p.in_w + ix) * p.in_c + ic] + p.input_offset;
              acc += (int32_t)TD_RD_I8(&p.filter[(ky * p.filter_w + kx) * p.out_c + oc]) * x;
            }
          }
          *output++ = td_conv_requantize(&p, acc, oc);
        }
      }
    }
  }
}
