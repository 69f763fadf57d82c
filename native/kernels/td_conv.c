/* CONV_2D and DEPTHWISE_CONV_2D: only in-image taps are summed, so padding contributes nothing (as TFLM). */
#include "td_conv.h"

static TD_NOINLINE int8_t td_conv_requantize(const td_conv_params *p, const td_requant *rq, int32_t acc, td_idx oc) {
  if (p->bias) acc += TD_RD_I32(&p->bias[oc]);
  acc = td_requant_at(rq, oc, acc);
  return (int8_t)td_clamp(acc + p->output_offset, p->act_min, p->act_max);
}

/* The taps k in [*first, *end) of a window starting at `origin` that fall inside [0, size). */
static void td_tap_range(td_idx origin, td_idx filter, td_idx dilation, td_idx size, td_idx *first, td_idx *end) {
  td_idx k0 = 0;
  td_idx k1 = filter;
  if (origin < 0) k0 = (-origin + dilation - 1) / dilation;
  if (origin + (filter - 1) * dilation >= size) k1 = size - origin <= 0 ? 0 : (size - origin + dilation - 1) / dilation;
  if (k1 < k0) k1 = k0;
  *first = k0;
  *end = k1;
}

void td_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output) {
  td_conv_params p;
  td_idx b, oy, ox, oc, ky, kx, ic, ky0, ky1, kx0, kx1, per_group, tap_stride;
  td_requant rq;
  TD_LOAD(&p, params);
  TD_LOAD(&rq, p.requant);
  per_group = p.out_c / (p.in_c / p.filter_in_c);
  tap_stride = p.filter_h * p.filter_w * p.filter_in_c;
  for (b = 0; b < p.batches; ++b) {
    const int8_t *image = input + b * p.in_h * p.in_w * p.in_c;
    for (oy = 0; oy < p.out_h; ++oy) {
      const td_idx y0 = oy * p.stride_h - p.pad_top;
      td_tap_range(y0, p.filter_h, p.dilation_h, p.in_h, &ky0, &ky1);
      for (ox = 0; ox < p.out_w; ++ox) {
        const td_idx x0 = ox * p.stride_w - p.pad_left;
        td_tap_range(x0, p.filter_w, p.dilation_w, p.in_w, &kx0, &kx1);
        for (oc = 0; oc < p.out_c; ++oc) {
          const td_idx ic0 = (oc / per_group) * p.filter_in_c;
          const int8_t *w = p.filter + oc * tap_stride;
          int32_t acc = 0;
          for (ky = ky0; ky < ky1; ++ky) {
            const int8_t *row = image + (y0 + ky * p.dilation_h) * p.in_w * p.in_c + ic0;
            for (kx = kx0; kx < kx1; ++kx) {
              const int8_t *in_px = row + (x0 + kx * p.dilation_w) * p.in_c;
              const int8_t *w_px = w + (ky * p.filter_w + kx) * p.filter_in_c;
              for (ic = 0; ic < p.filter_in_c; ++ic) {
                acc += (int32_t)TD_RD_I8(&w_px[ic]) * ((int32_t)in_px[ic] + p.input_offset);
              }
            }
          }
          *output++ = td_conv_requantize(&p, &rq, acc, oc);
        }
      }
    }
  }
}

void td_depthwise_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output) {
  td_conv_params p;
  td_idx b, oy, ox, oc, ky, kx, ky0, ky1, kx0, kx1;
  td_requant rq;
  TD_LOAD(&p, params);
  TD_LOAD(&rq, p.requant);
  for (b = 0; b < p.batches; ++b) {
    const int8_t *image = input + b * p.in_h * p.in_w * p.in_c;
    for (oy = 0; oy < p.out_h; ++oy) {
      const td_idx y0 = oy * p.stride_h - p.pad_top;
      td_tap_range(y0, p.filter_h, p.dilation_h, p.in_h, &ky0, &ky1);
      for (ox = 0; ox < p.out_w; ++ox) {
        const td_idx x0 = ox * p.stride_w - p.pad_left;
        td_tap_range(x0, p.filter_w, p.dilation_w, p.in_w, &kx0, &kx1);
        for (oc = 0; oc < p.out_c; ++oc) {
          const int8_t *in_c = image + oc / p.depth_multiplier;
          int32_t acc = 0;
          for (ky = ky0; ky < ky1; ++ky) {
            const int8_t *row = in_c + (y0 + ky * p.dilation_h) * p.in_w * p.in_c;
            const int8_t *w_row = p.filter + ky * p.filter_w * p.out_c + oc;
            for (kx = kx0; kx < kx1; ++kx) {
              const int32_t x = (int32_t)row[(x0 + kx * p.dilation_w) * p.in_c] + p.input_offset;
              acc += (int32_t)TD_RD_I8(&w_row[kx * p.out_c]) * x;
            }
          }
          *output++ = td_conv_requantize(&p, &rq, acc, oc);
        }
      }
    }
  }
}
