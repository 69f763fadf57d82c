/* CONV_2D and DEPTHWISE_CONV_2D, int8 with per-channel requantization (TFLM reference Eval order). */
#ifndef TD_CONV_H
#define TD_CONV_H

#include "td_requant.h"

/* Shapes are NHWC; the filter is [out_c, filter_h, filter_w, filter_in_c] for CONV_2D and
   [1, filter_h, filter_w, out_c] for DEPTHWISE_CONV_2D. Every pointer below is in flash. */
typedef struct {
  td_idx batches, in_h, in_w, in_c;
  td_idx out_h, out_w, out_c;
  td_idx filter_h, filter_w, filter_in_c;
  td_idx stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
  td_idx depth_multiplier;
  int32_t input_offset, output_offset, act_min, act_max;
  const int8_t *filter;
  const int32_t *bias; /* may be 0 */
  const td_requant *requant; /* per output channel; its own flash object keeps this struct small enough for GCC to
                                keep its fields in registers (SRA), which the loops below depend on */
} td_conv_params;

/* Writes output bytes in increasing order; output (y, x, c) reads only the input window of (y, x). */
void td_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output);

/* Writes output bytes in increasing order; output (y, x, c) reads input channel c / depth_multiplier only. */
void td_depthwise_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output);

#endif
