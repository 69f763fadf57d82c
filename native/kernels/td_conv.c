/* CONV_2D and DEPTHWISE_CONV_2D: only in-image taps are summed, so padding contributes nothing (as TFLM). Both read
   the same [out_c, taps, filter_in_c] filter layout and share loading, tap ranges and requantization; each keeps its
   own loop nest, since a depthwise tap in the grouped conv's channel loop costs ~10% more instructions. */
#include "td_conv.h"

/* The op's narrow flash fields widened once, so the loops below index with td_idx. */
typedef struct {
  td_idx batches, in_h, in_w, in_c, out_h, out_w, out_c, filter_h, filter_w, filter_in_c;
  td_idx stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left, input_offset;
} td_conv_dims;

/* rq is a copy of p->requant on purpose: its own local keeps the requantization reads off the params copy, which
   measured ~0.8 % fewer instructions on person_detect than reading p->requant. */
static TD_NOINLINE void td_conv_load(const td_conv_params *params, td_conv_params *p, td_requant *rq, td_conv_dims *d) {
  TD_LOAD(p, params);
  *rq = p->requant;
  d->batches = p->batches;
  d->in_h = p->in_h;
  d->in_w = p->in_w;
  d->in_c = p->in_c;
  d->out_h = p->out_h;
  d->out_w = p->out_w;
  d->out_c = p->out_c;
  d->filter_h = p->filter_h;
  d->filter_w = p->filter_w;
  d->filter_in_c = p->filter_in_c;
  d->stride_h = p->stride_h;
  d->stride_w = p->stride_w;
  d->dilation_h = p->dilation_h;
  d->dilation_w = p->dilation_w;
  d->pad_top = p->pad_top;
  d->pad_left = p->pad_left;
  d->input_offset = p->input_offset;
}

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
  td_conv_dims d;
  td_idx b, oy, ox, oc, ky, kx, ic, ky0, ky1, kx0, kx1, per_group, tap_stride;
  td_requant rq;
  td_conv_load(params, &p, &rq, &d);
  per_group = d.out_c / (d.in_c / d.filter_in_c);
  tap_stride = d.filter_h * d.filter_w * d.filter_in_c;
  for (b = 0; b < d.batches; ++b) {
    const int8_t *image = input + b * d.in_h * d.in_w * d.in_c;
    for (oy = 0; oy < d.out_h; ++oy) {
      const td_idx y0 = oy * d.stride_h - d.pad_top;
      td_tap_range(y0, d.filter_h, d.dilation_h, d.in_h, &ky0, &ky1);
      for (ox = 0; ox < d.out_w; ++ox) {
        const td_idx x0 = ox * d.stride_w - d.pad_left;
        td_tap_range(x0, d.filter_w, d.dilation_w, d.in_w, &kx0, &kx1);
        for (oc = 0; oc < d.out_c; ++oc) {
          const td_idx ic0 = (oc / per_group) * d.filter_in_c;
          const int8_t *w = p.filter + oc * tap_stride;
          int32_t acc = 0;
          for (ky = ky0; ky < ky1; ++ky) {
            const int8_t *row = image + (y0 + ky * d.dilation_h) * d.in_w * d.in_c + ic0;
            for (kx = kx0; kx < kx1; ++kx) {
              const int8_t *in_px = row + (x0 + kx * d.dilation_w) * d.in_c;
              const int8_t *w_px = w + (ky * d.filter_w + kx) * d.filter_in_c;
              for (ic = 0; ic < d.filter_in_c; ++ic) {
                acc += (int32_t)TD_RD_I8(&w_px[ic]) * ((int32_t)in_px[ic] + d.input_offset);
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
  td_conv_dims d;
  td_idx b, oy, ox, oc, ky, kx, ky0, ky1, kx0, kx1, taps;
  td_requant rq;
  td_conv_load(params, &p, &rq, &d);
  taps = d.filter_h * d.filter_w;
  for (b = 0; b < d.batches; ++b) {
    const int8_t *image = input + b * d.in_h * d.in_w * d.in_c;
    for (oy = 0; oy < d.out_h; ++oy) {
      const td_idx y0 = oy * d.stride_h - d.pad_top;
      td_tap_range(y0, d.filter_h, d.dilation_h, d.in_h, &ky0, &ky1);
      for (ox = 0; ox < d.out_w; ++ox) {
        const td_idx x0 = ox * d.stride_w - d.pad_left;
        td_tap_range(x0, d.filter_w, d.dilation_w, d.in_w, &kx0, &kx1);
        for (oc = 0; oc < d.out_c; ++oc) {
          const int8_t *in_c = image + oc / (d.out_c / d.in_c); /* GCC hoists the division */
          const int8_t *w = p.filter + oc * taps;
          int32_t acc = 0;
          for (ky = ky0; ky < ky1; ++ky) {
            const int8_t *row = in_c + (y0 + ky * d.dilation_h) * d.in_w * d.in_c;
            const int8_t *w_row = w + ky * d.filter_w;
            for (kx = kx0; kx < kx1; ++kx) {
              acc += (int32_t)TD_RD_I8(&w_row[kx]) * ((int32_t)row[(x0 + kx * d.dilation_w) * d.in_c] + d.input_offset);
            }
          }
          *output++ = td_conv_requantize(&p, &rq, acc, oc);
        }
      }
    }
  }
}
