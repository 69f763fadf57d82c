/* MEAN int8 over any set of axes of a 4-D tensor, without a scratch buffer (sums are kept in a register). */
#ifndef TD_REDUCE_H
#define TD_REDUCE_H

#include "td_fixedpoint.h"

/* dims is the input's 4-D shape; reduced[d] is 1 for an averaged axis. multiplier/shift are TFLM's eval-time
   values already divided by the element count; zp_times_count = input zero point x reduced element count. */
typedef struct {
  td_idx dims[4];
  td_idx reduced[4];
  int32_t zp_times_count, multiplier, shift, output_zero_point;
} td_mean_params;

/* Writes output bytes in increasing order; output i reads the input elements that reduce into i only. */
void td_mean_s8(const td_mean_params *params, const int8_t *input, int8_t *output);

#endif
