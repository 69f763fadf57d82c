// Decodes an Operator's builtin options table into the IR's typed options, with the schema's defaults.
import type { Activation, OpOptionsMap, OpType, Padding, Pool2DOptions } from '../../model/index.js';
import { malformed } from './errors.js';
import type { Table } from './flat-view.js';
import {
  ACTIVATIONS, AddField, ConcatenationField, Conv2DField, DepthwiseField, FullyConnectedField, MulField, PADDINGS,
  Pool2DField, ReducerField, ReshapeField, SoftmaxField, WEIGHTS_FORMATS,
} from './schema.js';

type Reader<K extends OpType> = (t: Reader$, where: string) => OpOptionsMap[K];

/** Reads typed fields of one options table (or only defaults when the file has no table). */
class Reader$ {
  constructor(private readonly t: Table | null, private readonly where: string) {}

  activation(id: number): Activation {
    const v = this.t ? this.t.int8(id, 0, 'fused_activation_function') : 0;
    const a = ACTIVATIONS[v];
    if (a === undefined) throw malformed(`${this.where}: fused_activation_function ${v} is not a known activation`);
    return a;
  }

  padding(id: number): Padding {
    const v = this.t ? this.t.int8(id, 0, 'padding') : 0;
    const p = PADDINGS[v];
    if (p === undefined) throw malformed(`${this.where}: padding ${v} is neither SAME (0) nor VALID (1)`);
    return p;
  }

  /** A stride, filter size or dilation: must be at least 1 or every output size is meaningless. */
  positive(id: number, def: number, name: string): number {
    const v = this.t ? this.t.int32(id, def, name) : def;
    if (v < 1) throw malformed(`${this.where}: ${name} is ${v}, must be at least 1`);
    return v;
  }

  int32(id: number, def: number, name: string): number {
    return this.t ? this.t.int32(id, def, name) : def;
  }

  bool(id: number, name: string): boolean {
    return this.t ? this.t.bool(id, false, name) : false;
  }

  float32(id: number, def: number, name: string): number {
    return this.t ? this.t.float32(id, def, name) : def;
  }

  int32s(id: number, name: string): number[] | undefined {
    return this.t ? this.t.int32s(id, name) : undefined;
  }

  int8(id: number, name: string): number {
    return this.t ? this.t.int8(id, 0, name) : 0;
  }
}

const conv: Reader<'CONV_2D'> = (r) => ({
  padding: r.padding(Conv2DField.padding),
  strideW: r.positive(Conv2DField.strideW, 0, 'stride_w'),
  strideH: r.positive(Conv2DField.strideH, 0, 'stride_h'),
  dilationW: r.positive(Conv2DField.dilationW, 1, 'dilation_w_factor'),
  dilationH: r.positive(Conv2DField.dilationH, 1, 'dilation_h_factor'),
  activation: r.activation(Conv2DField.activation),
});

const pool = (r: Reader$): Pool2DOptions => ({
  padding: r.padding(Pool2DField.padding),
  strideW: r.positive(Pool2DField.strideW, 0, 'stride_w'),
  strideH: r.positive(Pool2DField.strideH, 0, 'stride_h'),
  filterW: r.positive(Pool2DField.filterW, 0, 'filter_width'),
  filterH: r.positive(Pool2DField.filterH, 0, 'filter_height'),
  activation: r.activation(Pool2DField.activation),
});

const none = (): Record<string, never> => ({});

const READERS: { [K in OpType]: Reader<K> } = {
  FULLY_CONNECTED: (r, where) => {
    const wf = r.int8(FullyConnectedField.weightsFormat, 'weights_format');
    const weightsFormat = WEIGHTS_FORMATS[wf];
    if (weightsFormat === undefined) throw malformed(`${where}: weights_format ${wf} is not a known format`);
    return {
      activation: r.activation(FullyConnectedField.activation),
      keepNumDims: r.bool(FullyConnectedField.keepNumDims, 'keep_num_dims'),
      weightsFormat,
      asymmetricQuantizeInputs: r.bool(FullyConnectedField.asymmetricQuantizeInputs, 'asymmetric_quantize_inputs'),
    };
  },
  CONV_2D: conv,
  DEPTHWISE_CONV_2D: (r) => ({
    padding: r.padding(DepthwiseField.padding),
    strideW: r.positive(DepthwiseField.strideW, 0, 'stride_w'),
    strideH: r.positive(DepthwiseField.strideH, 0, 'stride_h'),
    dilationW: r.positive(DepthwiseField.dilationW, 1, 'dilation_w_factor'),
    dilationH: r.positive(DepthwiseField.dilationH, 1, 'dilation_h_factor'),
    activation: r.activation(DepthwiseField.activation),
    depthMultiplier: r.int32(DepthwiseField.depthMultiplier, 0, 'depth_multiplier'),
  }),
  AVERAGE_POOL_2D: pool,
  MAX_POOL_2D: pool,
  RESHAPE: (r) => {
    const newShape = r.int32s(ReshapeField.newShape, 'new_shape');
    return newShape ? { newShape } : {};
  },
  SOFTMAX: (r) => ({ beta: r.float32(SoftmaxField.beta, 0, 'beta') }),
  ADD: (r) => ({ activation: r.activation(AddField.activation) }),
  MUL: (r) => ({ activation: r.activation(MulField.activation) }),
  MEAN: (r) => ({ keepDims: r.bool(ReducerField.keepDims, 'keep_dims') }),
  PAD: none,
  CONCATENATION: (r) => ({
    axis: r.int32(ConcatenationField.axis, 0, 'axis'),
    activation: r.activation(ConcatenationField.activation),
  }),
  QUANTIZE: none,
  DEQUANTIZE: none,
  LOGISTIC: none,
  TANH: none,
  RELU: none,
  RELU6: none,
};

/** The typed options of an op of type `type` from its options table (null: absent, schema defaults apply). */
export function readOptions<K extends OpType>(type: K, table: Table | null, where: string): OpOptionsMap[K] {
  return (READERS[type] as Reader<K>)(new Reader$(table, where), where);
}
