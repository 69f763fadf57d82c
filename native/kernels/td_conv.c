/* CONV_2D and DEPTHWISE_CONV_2D: only in-image taps are summed, so padding contributes nothing (as TFLM). */
#include "td_conv.h"

static int8_t td_conv_requantize(const td_conv_params *p, int32_t acc, td_idx oc) {
  if (p->bias) acc += TD_RD_I32(&p->bias[oc]);
  acc = td_mbqm(acc, TD_RD_I32(&p->multiplier[oc]), TD_RD_I8(&p->shift[oc]));
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

/* 1x1 convolution without groups: each output pixel is a dot product per output channel over one input pixel. */
static void td_pointwise_s8(const td_conv_params *p, const int8_t *input, int8_t *output) {
  td_idx b, oy, ox, oc, ic;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      const td_idx iy = oy * p->stride_h - p->pad_top;
      for (ox = 0; ox < p->out_w; ++ox) {
        const td_idx ix = ox * p->stride_w - p->pad_left;
        const int inside = iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w;
        const int8_t *in_px = inside ? input + ((b * p->in_h + iy) * p->in_w + ix) * p->in_c : input;
        const int8_t *w = p->filter;
        for (oc = 0; oc < p->out_c; ++oc) {
          int32_t acc = 0;
          if (inside) {
            for (ic = 0; ic < p->in_c; ++ic) acc += (int32_t)TD_RD_I8(&w[ic]) * ((int32_t)in_px[ic] + p->input_offset);
          }
          w += p->in_c;
          *output++ = td_conv_requantize(p, acc, oc);
        }
      }
    }
  }
}

void td_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output) {
  td_conv_params p;
  td_idx b, oy, ox, oc, ky, kx, ic, ky0, ky1, ky_end, kx0, kx1, per_group, tap_stride, x_step;
  TD_LOAD(&p, params);
  if (p.filter_h == 1 && p.filter_w == 1 && p.filter_in_c == p.in_c) {
    td_pointwise_s8(&p, input, output);
    return;
  }
  per_group = p.out_c / (p.in_c / p.filter_in_c);
  tap_stride = p.filter_h * p.filter_w * p.filter_in_c;
  x_step = p.dilation_w * p.in_c;
  for (b = 0; b < p.batches; ++b) {
    const int8_t *image = input + b * p.in_h * p.in_w * p.in_c;
    for (oy = 0; oy < p.out_h; ++oy) {
      const td_idx y0 = oy * p.stride_h - p.pad_top;
      td_tap_range(y0, p.filter_h, p.dilation_h, p.in_h, &ky0, &ky1);
      for (ox = 0; ox < p.out_w; ++ox) {
        const td_idx x0 = ox * p.stride_w - p.pad_left;
        td_tap_range(x0, p.filter_w, p.dilation_w, p.in_w, &kx0, &kx1);
        ky_end = kx1 == kx0 ? ky0 : ky1; /* no in-image column: no taps at all */
        for (oc = 0; oc < p.out_c; ++oc) {
          const td_idx ic0 = (oc / per_group) * p.filter_in_c;
          const int8_t *w = p.filter + oc * tap_stride;
          int32_t acc = 0;
          for (ky = ky0; ky < ky_end; ++ky) {
            const int8_t *in_px = image + ((y0 + ky * p.dilation_h) * p.in_w + x0 + kx0 * p.dilation_w) * p.in_c + ic0;
            const int8_t *w_px = w + (ky * p.filter_w + kx0) * p.filter_in_c;
            for (kx = kx0; kx < kx1; ++kx) {
              for (ic = 0; ic < p.filter_in_c; ++ic) {
                acc += (int32_t)TD_RD_I8(&w_px[ic]) * ((int32_t)in_px[ic] + p.input_offset);
              }
              in_px += x_step;
              w_px += p.filter_in_c;
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
  td_idx b, oy, ox, oc, ky, kx, ky0, ky1, ky_end, kx0, kx1, x_step;
  TD_LOAD(&p, params);
  x_step = p.dilation_w * p.in_c;
  for (b = 0; b < p.batches; ++b) {
    const int8_t *image = input + b * p.in_h * p.in_w * p.in_c;
    for (oy = 0; oy < p.out_h; ++oy) {
      const td_idx y0 = oy * p.stride_h - p.pad_top;
      td_tap_range(y0, p.filter_h, p.dilation_h, p.in_h, &ky0, &ky1);
      for (ox = 0; ox < p.out_w; ++ox) {
        const td_idx x0 = ox * p.stride_w - p.pad_left;
        td_tap_range(x0, p.filter_w, p.dilation_w, p.in_w, &kx0, &kx1);
        ky_end = kx1 == kx0 ? ky0 : ky1; /* no in-image column: no taps at all */
        for (oc = 0; oc < p.out_c; ++oc) {
          const int8_t *in_c = image + oc / p.depth_multiplier;
          int32_t acc = 0;
          for (ky = ky0; ky < ky_end; ++ky) {
            const int8_t *in_px = in_c + ((y0 + ky * p.dilation_h) * p.in_w + x0 + kx0 * p.dilation_w) * p.in_c;
            const int8_t *w_px = p.filter + (ky * p.filter_w + kx0) * p.out_c + oc;
            for (kx = kx0; kx < kx1; ++kx) {
              acc += (int32_t)TD_RD_I8(w_px) * ((int32_t)*in_px + p.input_offset);
              in_px += x_step;
              w_px += p.out_c;
            }
          }
          *output++ = td_conv_requantize(&p, acc, oc);
        }
      }
    }
  }
}
