// Runs a float IR graph as tfjs ops on a batch: the one float path used for calibration, evaluation and training.
import * as tf from '@tensorflow/tfjs';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { constInts, type Activation, type Graph, type Op } from '../model/index.js';
import { conv2d, depthwiseConv2d } from './tf-conv.js';
import { readFloats } from './tensor-values.js';

/** Float constants by tensor index, in the IR's layouts; variables when they are being trained. */
export type ParamMap = Map<number, tf.Tensor>;

export interface ForwardOptions {
  /** Use gradient-friendly convolution forms (see tf-conv.ts). */
  training?: boolean;
  /** Called on every op output; may return a replacement (e.g. fake-quantized) value. */
  onValue?: (tensorIndex: number, value: tf.Tensor) => tf.Tensor;
}

/** Every float32 constant of the graph as a tfjs tensor (or variable); keep them until `disposeParams`. */
export function loadParams(graph: Graph, trainable = false): ParamMap {
  const params: ParamMap = new Map();
  graph.tensors.forEach((t, i) => {
    if (!t.data || t.dtype !== 'float32') return;
    const v = tf.tensor(readFloats(t), t.shape, 'float32');
    params.set(i, trainable ? tf.variable(v, true, `p${i}`) : v);
    if (trainable) v.dispose();
  });
  return params;
}

export function disposeParams(params: ParamMap): void {
  for (const p of params.values()) p.dispose();
  params.clear();
}

function activate(x: tf.Tensor, a: Activation): tf.Tensor {
  switch (a) {
    case 'NONE': return x;
    case 'RELU': return tf.relu(x);
    case 'RELU6': return tf.relu6(x);
    case 'RELU_N1_TO_1': return tf.clipByValue(x, -1, 1);
    case 'TANH': return tf.tanh(x);
    case 'SIGN_BIT': break;
  }
  throw new TinyDeployError(ErrorCode.RuntimeUnsupported, `fused activation ${a} is not supported in float training`);
}

function unsupported(op: Op): never {
  throw new TinyDeployError(ErrorCode.ModelUnsupportedOps, `${op.type} cannot run in the float (tfjs) path`, {
    advice: 'Compression supports the ops of the graph IR that the importers produce; simplify the model.',
  });
}

/** Runs the graph on `inputs` (batch first); returns every computed value by tensor index (inside the caller's tidy). */
export function forward(graph: Graph, params: ParamMap, inputs: tf.Tensor[], opts: ForwardOptions = {}): Map<number, tf.Tensor> {
  const values = new Map<number, tf.Tensor>();
  graph.inputs.forEach((ti, k) => {
    const x = inputs[k];
    if (!x) throw new TinyDeployError(ErrorCode.InvalidArgument, `input ${k} of the model was not given`);
    values.set(ti, opts.onValue ? opts.onValue(ti, x) : x);
  });
  const get = (ti: number | undefined): tf.Tensor => {
    const v = ti === undefined || ti < 0 ? undefined : (values.get(ti) ?? params.get(ti));
    if (!v) throw new TinyDeployError(ErrorCode.ModelMalformed, `tensor ${ti} is used before it is computed`);
    return v;
  };
  const training = opts.training ?? false;
  for (const op of graph.ops) {
    const x = (): tf.Tensor => get(op.inputs[0]);
    const bias = (y: tf.Tensor): tf.Tensor => (op.inputs[2] !== undefined && op.inputs[2] >= 0 ? tf.add(y, get(op.inputs[2])) : y);
    let y: tf.Tensor;
    switch (op.type) {
      case 'FULLY_CONNECTED': {
        const w = get(op.inputs[1]);
        const inF = w.shape[1]!;
        const xin = x();
        y = tf.matMul(tf.reshape(xin, [-1, inF]), w, false, true);
        y = activate(bias(y), op.options.activation);
        if (op.options.keepNumDims) y = tf.reshape(y, [...xin.shape.slice(0, -1), w.shape[0]!]);
        break;
      }
      case 'CONV_2D':
        y = activate(bias(conv2d(x() as tf.Tensor4D, get(op.inputs[1]), op.options, training)), op.options.activation);
        break;
      case 'DEPTHWISE_CONV_2D':
        y = activate(bias(depthwiseConv2d(x() as tf.Tensor4D, get(op.inputs[1]), op.options, training)), op.options.activation);
        break;
      case 'MAX_POOL_2D':
      case 'AVERAGE_POOL_2D': {
        const o = op.options;
        const pool = op.type === 'MAX_POOL_2D' ? tf.maxPool : tf.avgPool;
        y = activate(pool(x() as tf.Tensor4D, [o.filterH, o.filterW], [o.strideH, o.strideW], o.padding === 'SAME' ? 'same' : 'valid'), o.activation);
        break;
      }
      case 'RESHAPE': {
        const target = graph.tensors[op.outputs[0]!]!.shape;
        const xin = x();
        y = tf.reshape(xin, [xin.shape[0]!, ...target.slice(1)]);
        break;
      }
      case 'SOFTMAX':
        y = tf.softmax(op.options.beta === 1 ? x() : tf.mul(x(), op.options.beta));
        break;
      case 'ADD':
        y = activate(tf.add(x(), get(op.inputs[1])), op.options.activation);
        break;
      case 'MUL':
        y = activate(tf.mul(x(), get(op.inputs[1])), op.options.activation);
        break;
      case 'MEAN': {
        const rank = x().rank;
        const axes = (constInts(graph.tensors[op.inputs[1]!]) ?? []).map((a) => (a < 0 ? a + rank : a));
        y = tf.mean(x(), axes, op.options.keepDims);
        break;
      }
      case 'PAD': {
        const p = constInts(graph.tensors[op.inputs[1]!]) ?? [];
        const pairs: [number, number][] = [];
        for (let i = 0; i + 1 < p.length; i += 2) pairs.push([p[i]!, p[i + 1]!]);
        y = tf.pad(x(), pairs);
        break;
      }
      case 'CONCATENATION': {
        const parts = op.inputs.map((i) => get(i));
        const rank = parts[0]!.rank;
        const axis = op.options.axis < 0 ? op.options.axis + rank : op.options.axis;
        y = activate(tf.concat(parts, axis), op.options.activation);
        break;
      }
      case 'LOGISTIC': y = tf.sigmoid(x()); break;
      case 'TANH': y = tf.tanh(x()); break;
      case 'RELU': y = tf.relu(x()); break;
      case 'RELU6': y = tf.relu6(x()); break;
      case 'QUANTIZE':
      case 'DEQUANTIZE': y = x(); break;
      default: unsupported(op);
    }
    const out = op.outputs[0]!;
    values.set(out, opts.onValue ? opts.onValue(out, y) : y);
  }
  return values;
}

/** The graph's outputs for a batch of inputs (inside the caller's tidy). */
export function forwardOutputs(graph: Graph, params: ParamMap, inputs: tf.Tensor[], opts: ForwardOptions = {}): tf.Tensor[] {
  const values = forward(graph, params, inputs, opts);
  return graph.outputs.map((o) => values.get(o) ?? params.get(o)!);
}

/** The batch shape of model input `inputIndex` for `rows` samples (the IR's leading 1 becomes the row count). */
export function batchShape(graph: Graph, inputIndex: number, rows: number): number[] {
  const shape = graph.tensors[graph.inputs[inputIndex]!]!.shape;
  return [rows, ...shape.slice(1)];
}
