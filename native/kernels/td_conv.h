/* CONV_2D and DEPTHWISE_CONV_2D, int8 with per-channel requantization (TFLM reference Eval order). */
#ifndef TD_CONV_H
#define TD_CONV_H

#include "td_requant.h"

/* Shapes are NHWC; the filter is [out_c, filter_h, filter_w, filter_in_c]: output channel oc reads input channels
   (oc / (out_c / groups)) * filter_in_c onwards, groups = in_c / filter_in_c. DEPTHWISE_CONV_2D has
   filter_in_c = 1: codegen transposes TFLite's [1, filter_h, filter_w, out_c] filter to this layout. Every pointer below is
   in flash.
   Fields are as narrow as codegen's range checks allow (lower-compute.ts): an op's parameters are flash that every
   model pays per layer, and the kernels widen them to td_idx once, before their loops. */
typedef struct {
  const int8_t *filter;
  const int32_t *bias; /* may be 0 */
  td_requant requant;  /* per output channel */
  uint16_t batches, in_h, in_w, in_c;
  uint16_t out_h, out_w, out_c, filter_in_c;
  uint8_t filter_h, filter_w, stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
  int16_t input_offset, output_offset;
  int8_t act_min, act_max;
} td_conv_params;

/* CONV_2D, grouped when filter_in_c < in_c. Writes output bytes in increasing order; output (y, x, c) reads only the
   input window of (y, x). */
void td_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output);

/* DEPTHWISE_CONV_2D (filter_in_c = 1, filter transposed by codegen). Writes output bytes in increasing order; output
   (y, x, c) reads input channel c / (out_c / in_c) of the window of (y, x) only. */
void td_depthwise_conv2d_s8(const td_conv_params *params, const int8_t *input, int8_t *output);

#endif
