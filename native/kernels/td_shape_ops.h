/* Data-movement ops: PAD, one input of CONCATENATION, and plain copies (graph input/output, RESHAPE fallbacks). */
#ifndef TD_SHAPE_OPS_H
#define TD_SHAPE_OPS_H

#include "td_fixedpoint.h"

/* in_dims/out_dims are 4-D; before[d] is the padding in front of dim d; pad_value is the output zero point. */
typedef struct {
  td_idx in_dims[4];
  td_idx out_dims[4];
  td_idx before[4];
  int32_t pad_value;
} td_pad_params;

/* Writes output bytes in increasing order; output i reads at most the one input element it copies. */
void td_pad_s8(const td_pad_params *params, const int8_t *input, int8_t *output);

/* Copies `outer` chunks of `chunk` bytes into an output whose rows are `out_stride` bytes apart. */
void td_concat_part_s8(td_idx outer, td_idx chunk, td_idx out_stride, const int8_t *input, int8_t *output);

/* A forward byte copy: safe when output <= input even if the ranges overlap. */
void td_copy_s8(td_idx count, const int8_t *input, int8_t *output);

#endif
