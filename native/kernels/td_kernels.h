/* Every TinyDeploy int8 kernel: the one header a generated model.c includes. */
#ifndef TD_KERNELS_H
#define TD_KERNELS_H

#include "td_fixedpoint.h"
#include "td_fully_connected.h"
#include "td_conv.h"
#include "td_pooling.h"
#include "td_softmax.h"
#include "td_elementwise.h"
#include "td_reduce.h"
#include "td_shape_ops.h"
#include "td_activations.h"

#endif
