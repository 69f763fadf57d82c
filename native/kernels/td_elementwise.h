/* ADD and MUL int8 with 4-D broadcasting (TFLM reference per-element arithmetic). */
#ifndef TD_ELEMENTWISE_H
#define TD_ELEMENTWISE_H

#include "td_fixedpoint.h"

/* dims are the output's 4-D shape; stride1/stride2 give each input's element stride per output dim (0 = broadcast). */
typedef struct {
  td_idx dims[4];
  td_idx stride1[4];
  td_idx stride2[4];
  int32_t input1_offset, input2_offset, output_offset, act_min, act_max;
  int32_t left_shift; /* ADD only */
  int32_t input1_multiplier, input1_shift, input2_multiplier, input2_shift; /* ADD only */
  int32_t output_multiplier, output_shift;
} td_binary_params;

/* Both write output bytes in increasing order; output i reads the input elements mapped to i only. */
void td_add_s8(const td_binary_params *params, const int8_t *input1, const int8_t *input2, int8_t *output);
void td_mul_s8(const td_binary_params *params, const int8_t *input1, const int8_t *input2, int8_t *output);

#endif
