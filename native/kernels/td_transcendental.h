/* gemmlowp's fixed-point exp and reciprocal, shared by SOFTMAX, LOGISTIC and TANH so all match TFLM bit for bit. */
#ifndef TD_TRANSCENDENTAL_H
#define TD_TRANSCENDENTAL_H

#include "td_fixedpoint.h"

/* exp(a) for a <= 0; a has int_bits integer bits (1..5), the result is Q0.31. */
int32_t td_exp_on_negative_values(int32_t a, int32_t int_bits);

/* 1 / (1 + a) for a in [0, 1), Q0.31 in and out. */
int32_t td_one_over_one_plus_x(int32_t a);

/* (1 - a) / (1 + a) for a in [0, 1), Q0.31 in and out. */
int32_t td_one_minus_x_over_one_plus_x(int32_t a);

/* logistic(a) for a in Q4.27, result Q0.31. */
int32_t td_logistic_q4(int32_t a);

/* tanh(a) for a in Q4.27, result Q0.31. */
int32_t td_tanh_q4(int32_t a);

#endif
