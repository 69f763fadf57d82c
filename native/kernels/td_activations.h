/* Element-wise int8 activations: LOGISTIC, TANH (gemmlowp fixed point), RELU and QUANTIZE (requantize), RELU6 (clamp). */
#ifndef TD_ACTIVATIONS_H
#define TD_ACTIVATIONS_H

#include "td_fixedpoint.h"

/* LOGISTIC and TANH: input_multiplier/input_left_shift map (x - zp) to Q4.27; |x - zp| >= radius saturates. */
typedef struct {
  td_idx count;
  int32_t input_zero_point, input_range_radius, input_multiplier, input_left_shift;
} td_sigmoid_params;

/* RELU, RELU_N1_TO_1 and int8 -> int8 QUANTIZE: y = clamp(zp_out + MBQM(x - zp_in, M, s), lo, hi). */
typedef struct {
  td_idx count;
  int32_t input_zero_point, output_zero_point, multiplier, shift, act_min, act_max;
} td_requantize_params;

/* All write output i after reading input i only: in-place safe. */
void td_logistic_s8(const td_sigmoid_params *params, const int8_t *input, int8_t *output);
void td_tanh_s8(const td_sigmoid_params *params, const int8_t *input, int8_t *output);
void td_requantize_s8(const td_requantize_params *params, const int8_t *input, int8_t *output);
/* RELU6 in TFLM clamps the raw values to [lo, hi] with no rescale. */
void td_clamp_s8(td_idx count, int32_t lo, int32_t hi, const int8_t *input, int8_t *output);

#endif
