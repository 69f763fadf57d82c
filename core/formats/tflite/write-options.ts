// Encodes an op's typed IR options as its BuiltinOptions table (fields at schema defaults are left out).
import type { Builder } from 'flatbuffers';
import type { Activation, Op, Padding } from '../../model/index.js';
import {
  ACTIVATIONS, AddField, ConcatenationField, Conv2DField, DepthwiseField, FullyConnectedField, MulField, OP_CODES,
  PADDINGS, Pool2DField, ReducerField, ReshapeField, SoftmaxField, WEIGHTS_FORMATS,
} from './schema.js';
import { int32Vector } from './write-vectors.js';

const act = (a: Activation): number => ACTIVATIONS.indexOf(a);
const pad = (p: Padding): number => PADDINGS.indexOf(p);

function table(b: Builder, fields: number, fill: () => void): number {
  b.startObject(fields);
  fill();
  return b.endObject();
}

function body(b: Builder, op: Op): number | null {
  switch (op.type) {
    case 'CONV_2D': {
      const o = op.options;
      return table(b, 7, () => {
        b.addFieldInt8(Conv2DField.padding, pad(o.padding), 0);
        b.addFieldInt32(Conv2DField.strideW, o.strideW, 0);
        b.addFieldInt32(Conv2DField.strideH, o.strideH, 0);
        b.addFieldInt8(Conv2DField.activation, act(o.activation), 0);
        b.addFieldInt32(Conv2DField.dilationW, o.dilationW, 1);
        b.addFieldInt32(Conv2DField.dilationH, o.dilationH, 1);
      });
    }
    case 'DEPTHWISE_CONV_2D': {
      const o = op.options;
      return table(b, 7, () => {
        b.addFieldInt8(DepthwiseField.padding, pad(o.padding), 0);
        b.addFieldInt32(DepthwiseField.strideW, o.strideW, 0);
        b.addFieldInt32(DepthwiseField.strideH, o.strideH, 0);
        b.addFieldInt32(DepthwiseField.depthMultiplier, o.depthMultiplier, 0);
        b.addFieldInt8(DepthwiseField.activation, act(o.activation), 0);
        b.addFieldInt32(DepthwiseField.dilationW, o.dilationW, 1);
        b.addFieldInt32(DepthwiseField.dilationH, o.dilationH, 1);
      });
    }
    case 'AVERAGE_POOL_2D':
    case 'MAX_POOL_2D': {
      const o = op.options;
      return table(b, 6, () => {
        b.addFieldInt8(Pool2DField.padding, pad(o.padding), 0);
        b.addFieldInt32(Pool2DField.strideW, o.strideW, 0);
        b.addFieldInt32(Pool2DField.strideH, o.strideH, 0);
        b.addFieldInt32(Pool2DField.filterW, o.filterW, 0);
        b.addFieldInt32(Pool2DField.filterH, o.filterH, 0);
        b.addFieldInt8(Pool2DField.activation, act(o.activation), 0);
      });
    }
    case 'FULLY_CONNECTED': {
      const o = op.options;
      return table(b, 5, () => {
        b.addFieldInt8(FullyConnectedField.activation, act(o.activation), 0);
        b.addFieldInt8(FullyConnectedField.weightsFormat, WEIGHTS_FORMATS.indexOf(o.weightsFormat), 0);
        b.addFieldInt8(FullyConnectedField.keepNumDims, o.keepNumDims ? 1 : 0, 0);
        b.addFieldInt8(FullyConnectedField.asymmetricQuantizeInputs, o.asymmetricQuantizeInputs ? 1 : 0, 0);
      });
    }
    case 'SOFTMAX':
      return table(b, 1, () => b.addFieldFloat32(SoftmaxField.beta, op.options.beta, 0));
    case 'CONCATENATION':
      return table(b, 2, () => {
        b.addFieldInt32(ConcatenationField.axis, op.options.axis, 0);
        b.addFieldInt8(ConcatenationField.activation, act(op.options.activation), 0);
      });
    case 'ADD':
      return table(b, 2, () => b.addFieldInt8(AddField.activation, act(op.options.activation), 0));
    case 'MUL':
      return table(b, 1, () => b.addFieldInt8(MulField.activation, act(op.options.activation), 0));
    case 'RESHAPE': {
      const shape = op.options.newShape;
      const vec = shape ? int32Vector(b, shape) : 0;
      return table(b, 1, () => { if (vec) b.addFieldOffset(ReshapeField.newShape, vec, 0); });
    }
    case 'MEAN':
      return table(b, 1, () => b.addFieldInt8(ReducerField.keepDims, op.options.keepDims ? 1 : 0, 0));
    case 'PAD':
    case 'QUANTIZE':
    case 'DEQUANTIZE':
      return table(b, 0, () => undefined);
    case 'LOGISTIC':
    case 'TANH':
    case 'RELU':
    case 'RELU6':
      return null;
  }
}

/** The union type and table offset of an op's options, or null for ops without an options table. */
export function writeOptions(b: Builder, op: Op): { type: number; offset: number } | null {
  const offset = body(b, op);
  return offset === null ? null : { type: OP_CODES[op.type].options, offset };
}
