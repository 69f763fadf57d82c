// The kernel table: op type → prepare function (which returns the op's eval closure).
import type { Op, OpType } from '../../model/index.js';
import type { EvalFn, OpContext } from '../op-context.js';
import { prepareActivation } from './activations.js';
import { prepareArithmetic } from './arithmetic.js';
import { prepareConv2D } from './conv.js';
import { prepareDepthwiseConv2D } from './depthwise-conv.js';
import { prepareFullyConnected } from './fully-connected.js';
import { prepareMean } from './mean.js';
import { preparePool } from './pooling.js';
import { prepareDequantize, prepareQuantize } from './quantize.js';
import { prepareConcatenation, preparePad, prepareReshape } from './shape-ops.js';
import { prepareSoftmax } from './softmax.js';

type Prepare = (ctx: OpContext<Op>) => EvalFn;

// Each prepare narrows the op type itself; the table guarantees it is only called for its own type.
export const KERNELS: Readonly<Record<OpType, Prepare>> = {
  FULLY_CONNECTED: prepareFullyConnected as Prepare,
  CONV_2D: prepareConv2D as Prepare,
  DEPTHWISE_CONV_2D: prepareDepthwiseConv2D as Prepare,
  AVERAGE_POOL_2D: preparePool as Prepare,
  MAX_POOL_2D: preparePool as Prepare,
  RESHAPE: prepareReshape,
  SOFTMAX: prepareSoftmax as Prepare,
  ADD: prepareArithmetic as Prepare,
  MUL: prepareArithmetic as Prepare,
  MEAN: prepareMean as Prepare,
  PAD: preparePad,
  CONCATENATION: prepareConcatenation as Prepare,
  QUANTIZE: prepareQuantize,
  DEQUANTIZE: prepareDequantize,
  LOGISTIC: prepareActivation,
  TANH: prepareActivation,
  RELU: prepareActivation,
  RELU6: prepareActivation,
};
