/* FULLY_CONNECTED, int8, per-tensor or per-channel requantization (TFLM reference Eval). */
#ifndef TD_FULLY_CONNECTED_H
#define TD_FULLY_CONNECTED_H

#include "td_requant.h"

/* The filter is [out_depth, accum_depth]; requant holds one multiplier and shift per output (shared when equal). */
typedef struct {
  td_idx batches, accum_depth, out_depth;
  int32_t input_offset, filter_offset, output_offset, act_min, act_max;
  const int8_t *filter;
  const int32_t *bias; /* may be 0 */
  td_requant requant;
} td_fc_params;

/* Writes output bytes in increasing order; output (b, o) reads input row b only. */
void td_fully_connected_s8(const td_fc_params *params, const int8_t *input, int8_t *output);

#endif
