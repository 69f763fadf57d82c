/* AVERAGE_POOL_2D and MAX_POOL_2D, int8 (no rescale: input and output share scale and zero point). */
#ifndef TD_POOLING_H
#define TD_POOLING_H

#include "td_fixedpoint.h"

typedef struct {
  td_idx batches, in_h, in_w, channels, out_h, out_w;
  td_idx filter_h, filter_w, stride_h, stride_w, pad_top, pad_left;
  int32_t act_min, act_max;
} td_pool_params;

/* Both write output bytes in increasing order; output (y, x, c) reads channel c of the window of (y, x). */
void td_average_pool_s8(const td_pool_params *params, const int8_t *input, int8_t *output);
void td_max_pool_s8(const td_pool_params *params, const int8_t *input, int8_t *output);

#endif
