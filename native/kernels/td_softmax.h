/* SOFTMAX int8 -> int8 (output scale 1/256, zero point -128), TFLM reference fixed-point arithmetic. */
#ifndef TD_SOFTMAX_H
#define TD_SOFTMAX_H

#include "td_fixedpoint.h"

typedef struct {
  td_idx rows, depth;
  int32_t input_multiplier, input_left_shift, diff_min;
} td_softmax_params;

/* Output element i of a row is written after its row's max and sum passes and reads input i again: in-place safe. */
void td_softmax_s8(const td_softmax_params *params, const int8_t *input, int8_t *output);

#endif
