/* Element-wise activations; LOGISTIC outputs use zero point -128 and scale 1/256, TANH zero point 0 and 1/128. */
#include "td_activations.h"
#include "td_transcendental.h"

static void td_sigmoid_s8(const td_sigmoid_params *params, const int8_t *input, int8_t *output, int is_tanh) {
  td_sigmoid_params p;
  td_idx i;
  TD_LOAD(&p, params);
  for (i = 0; i < p.count; ++i) {
    const int32_t x = (int32_t)input[i] - p.input_zero_point;
    int32_t y;
    if (x <= -p.input_range_radius) {
      y = -128;
    } else if (x >= p.input_range_radius) {
      y = 127;
    } else {
      const int32_t q4 = td_mbqm(x, p.input_multiplier, p.input_left_shift);
      if (is_tanh) {
        y = td_clamp(td_rdbpot(td_tanh_q4(q4), 24), -128, 127);
      } else {
        y = td_clamp(td_rdbpot(td_logistic_q4(q4), 23) - 128, -128, 127);
      }
    }
    output[i] = (int8_t)y;
  }
}

void td_logistic_s8(const td_sigmoid_params *params, const int8_t *input, int8_t *output) {
  td_sigmoid_s8(params, input, output, 0);
}

void td_tanh_s8(const td_sigmoid_params *params, const int8_t *input, int8_t *output) {
  td_sigmoid_s8(params, input, output, 1);
}

void td_requantize_s8(const td_requantize_params *params, const int8_t *input, int8_t *output) {
  td_requantize_params p;
  td_idx i;
  TD_LOAD(&p, params);
  for (i = 0; i < p.count; ++i) {
    const int32_t y = p.output_zero_point + td_mbqm((int32_t)input[i] - p.input_zero_point, p.multiplier, p.shift);
    output[i] = (int8_t)td_clamp(y, p.act_min, p.act_max);
  }
}

void td_clamp_s8(td_idx count, int32_t lo, int32_t hi, const int8_t *input, int8_t *output) {
  td_idx i;
  for (i = 0; i < count; ++i) output[i] = (int8_t)td_clamp(input[i], lo, hi);
}
