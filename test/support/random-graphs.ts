// Random small int8 graphs of every op the native backend supports: fuzzed shapes, strides, padding, dilation,
// depth multipliers, broadcasting, axes and activations, with random (valid) quantization parameters.
import { generateNativeModel } from '../../core/codegen/index.js';
import { elementCount, type Activation, type Graph, type Op, type Padding, type Quantization, type Tensor } from '../../core/model/index.js';
import { mulberry32 } from './random.js';

type Rand = () => number;
const f32 = Math.fround;

export const FUZZED_OPS = [
  'FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'AVERAGE_POOL_2D', 'MAX_POOL_2D', 'RESHAPE', 'SOFTMAX', 'ADD',
  'MUL', 'MEAN', 'PAD', 'CONCATENATION', 'QUANTIZE', 'LOGISTIC', 'TANH', 'RELU', 'RELU6',
] as const;
export type FuzzedOp = (typeof FUZZED_OPS)[number];

const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const actQ = (r: Rand, scale?: number, zp?: number): Quantization => ({
  scale: [f32(scale ?? 0.004 + r() * 0.1)], zeroPoint: [zp ?? int(r, -128, 127)], axis: 0,
});

class Builder {
  tensors: Tensor[] = [];
  ops: Op[] = [];
  constructor(readonly r: Rand) {}
  act(shape: number[], quant: Quantization): number {
    this.tensors.push({ name: `t${this.tensors.length}`, shape, dtype: 'int8', quant });
    return this.tensors.length - 1;
  }
  constInt8(shape: number[], quant: Quantization): number {
    const data = new Uint8Array(elementCount(shape));
    for (let i = 0; i < data.length; i++) data[i] = int(this.r, -127, 127) & 0xff;
    this.tensors.push({ name: `w${this.tensors.length}`, shape, dtype: 'int8', data, quant });
    return this.tensors.length - 1;
  }
  constInt32(values: number[], shape = [values.length], quant?: Quantization): number {
    this.tensors.push({ name: `c${this.tensors.length}`, shape, dtype: 'int32', data: new Uint8Array(new Int32Array(values).buffer), ...(quant ? { quant } : {}) });
    return this.tensors.length - 1;
  }
  op(op: Op): void { this.ops.push(op); }
}

function activation(r: Rand): Activation { return pick(r, ['NONE', 'NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'] as const); }

/** Weights with per-channel (or per-tensor) scales, and an int32 bias quantized at in_s · w_s[c]. */
function weightsAndBias(b: Builder, shape: number[], channels: number, axis: number, inScale: number, perChannel: boolean): [number, number] {
  const r = b.r;
  const scales = Array.from({ length: perChannel ? channels : 1 }, () => f32(0.002 + r() * 0.02));
  const w = b.constInt8(shape, { scale: scales, zeroPoint: scales.map(() => 0), axis });
  const biasScales = Array.from({ length: channels }, (_, c) => f32(inScale * scales[perChannel ? c : 0]!));
  const bias = b.constInt32(Array.from({ length: channels }, () => int(r, -3000, 3000)), [channels],
    { scale: perChannel ? biasScales : [biasScales[0]!], zeroPoint: (perChannel ? biasScales : [0]).map(() => 0), axis: 0 });
  return [w, bias];
}

function windowOut(r: Rand, inSize: number, filter: number, dilation: number): { stride: number; padding: Padding; out: number } {
  const stride = int(r, 1, 3);
  const eff = (filter - 1) * dilation + 1;
  const padding: Padding = inSize < eff || r() < 0.5 ? 'SAME' : 'VALID';
  const out = padding === 'SAME' ? Math.ceil(inSize / stride) : Math.floor((inSize - eff) / stride) + 1;
  return { stride, padding, out };
}

/** Adds one op of `type` reading tensor `x` (int8, shape as given) and returns its output tensor. */
function addOp(b: Builder, type: FuzzedOp, x: number, inputs: number[]): number {
  const r = b.r;
  const xt = b.tensors[x]!;
  const xs = xt.shape;
  const xq = xt.quant!;
  switch (type) {
    case 'FULLY_CONNECTED': {
      const depth = xs[xs.length - 1]!;
      const units = int(r, 1, 12);
      const batches = elementCount(xs) / depth;
      const [w, bias] = weightsAndBias(b, [units, depth], units, 0, xq.scale[0]!, r() < 0.3);
      const y = b.act([batches, units], actQ(r));
      b.op({ type, inputs: [x, w, r() < 0.8 ? bias : -1], outputs: [y], version: 4, options: { activation: activation(r), keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } });
      return y;
    }
    case 'CONV_2D': case 'DEPTHWISE_CONV_2D': {
      const [n, h, w, c] = xs as [number, number, number, number];
      // One in four is 1x1 (the pointwise fast path).
      const one = r() < 0.25;
      const kh = one ? 1 : int(r, 1, 4), kw = one ? 1 : int(r, 1, 4), dh = int(r, 1, 2), dw = int(r, 1, 2);
      const oh = windowOut(r, h, kh, dh);
      const ow = { ...windowOut(r, w, kw, dw), padding: oh.padding };
      ow.out = ow.padding === 'SAME' ? Math.ceil(w / ow.stride) : Math.floor((w - ((kw - 1) * dw + 1)) / ow.stride) + 1;
      if (ow.out < 1 || oh.out < 1) return addOp(b, 'RELU', x, inputs);
      const act = activation(r);
      if (type === 'CONV_2D') {
        const groups = c % 2 === 0 && r() < 0.3 ? 2 : 1;
        const oc = groups * int(r, 1, 4);
        const [wt, bias] = weightsAndBias(b, [oc, kh, kw, c / groups], oc, 0, xq.scale[0]!, true);
        const y = b.act([n, oh.out, ow.out, oc], actQ(r));
        b.op({ type, inputs: [x, wt, r() < 0.8 ? bias : -1], outputs: [y], version: 3, options: { padding: oh.padding, strideH: oh.stride, strideW: ow.stride, dilationH: dh, dilationW: dw, activation: act } });
        return y;
      }
      const m = int(r, 1, 3);
      const [wt, bias] = weightsAndBias(b, [1, kh, kw, c * m], c * m, 3, xq.scale[0]!, true);
      const y = b.act([n, oh.out, ow.out, c * m], actQ(r));
      b.op({ type, inputs: [x, wt, r() < 0.8 ? bias : -1], outputs: [y], version: 3, options: { padding: oh.padding, strideH: oh.stride, strideW: ow.stride, dilationH: dh, dilationW: dw, depthMultiplier: m, activation: act } });
      return y;
    }
    case 'AVERAGE_POOL_2D': case 'MAX_POOL_2D': {
      const [n, h, w, c] = xs as [number, number, number, number];
      const fh = int(r, 1, Math.min(4, h)), fw = int(r, 1, Math.min(4, w));
      const oh = windowOut(r, h, fh, 1);
      const ow = windowOut(r, w, fw, 1);
      ow.padding = oh.padding;
      ow.out = ow.padding === 'SAME' ? Math.ceil(w / ow.stride) : Math.floor((w - fw) / ow.stride) + 1;
      const y = b.act([n, oh.out, ow.out, c], xq);
      b.op({ type, inputs: [x], outputs: [y], version: 2, options: { padding: oh.padding, strideH: oh.stride, strideW: ow.stride, filterH: fh, filterW: fw, activation: activation(r) } });
      return y;
    }
    case 'RESHAPE': {
      const n = elementCount(xs);
      const shape = n % 2 === 0 && r() < 0.5 ? [2, n / 2] : [1, n];
      const y = b.act(shape, xq);
      b.op({ type, inputs: [x, b.constInt32(shape)], outputs: [y], version: 1, options: { newShape: shape } });
      return y;
    }
    case 'SOFTMAX': {
      const y = b.act(xs, actQ(r, 1 / 256, -128));
      b.op({ type, inputs: [x], outputs: [y], version: 2, options: { beta: pick(r, [1, 1, 0.5, 2]) } });
      return y;
    }
    case 'ADD': case 'MUL': {
      // The second operand is a graph input whose shape broadcasts against x (some dims set to 1).
      // Or, sometimes, a constant operand (as a converter emits for a rescaling layer).
      const other = xs.map((d) => (r() < 0.3 ? 1 : d));
      let z: number;
      if (r() < 0.3) {
        z = b.constInt8(other, actQ(r));
      } else {
        z = b.act(other, actQ(r));
        inputs.push(z);
      }
      const swap = r() < 0.5;
      const y = b.act(xs, actQ(r));
      b.op({ type, inputs: swap ? [z, x] : [x, z], outputs: [y], version: 2, options: { activation: activation(r) } } as Op);
      return y;
    }
    case 'MEAN': {
      const axes = xs.map((_, i) => i).filter(() => r() < 0.5);
      if (axes.length === 0) axes.push(xs.length - 1);
      const keepDims = r() < 0.5;
      const shape = keepDims ? xs.map((d, i) => (axes.includes(i) ? 1 : d)) : xs.filter((_, i) => !axes.includes(i));
      const y = b.act(shape, actQ(r));
      b.op({ type, inputs: [x, b.constInt32(axes.map((a) => (r() < 0.3 ? a - xs.length : a)))], outputs: [y], version: 2, options: { keepDims } });
      return y;
    }
    case 'PAD': {
      const pads = xs.flatMap(() => [int(r, 0, 2), int(r, 0, 2)]);
      const y = b.act(xs.map((d, i) => d + pads[2 * i]! + pads[2 * i + 1]!), xq);
      b.op({ type, inputs: [x, b.constInt32(pads, [xs.length, 2])], outputs: [y], version: 1, options: {} });
      return y;
    }
    case 'CONCATENATION': {
      const axis = int(r, 0, xs.length - 1);
      const parts = [x];
      for (let k = int(r, 1, 2); k > 0; k--) {
        const z = b.act(xs.map((d, i) => (i === axis ? int(r, 1, 3) : d)), xq);
        inputs.push(z);
        parts.push(z);
      }
      const total = parts.reduce((s, p) => s + b.tensors[p]!.shape[axis]!, 0);
      const y = b.act(xs.map((d, i) => (i === axis ? total : d)), xq);
      b.op({ type, inputs: parts, outputs: [y], version: 1, options: { axis: r() < 0.3 ? axis - xs.length : axis, activation: 'NONE' } });
      return y;
    }
    case 'QUANTIZE': case 'RELU': {
      const y = b.act(xs, actQ(r));
      b.op({ type, inputs: [x], outputs: [y], version: 1, options: {} } as Op);
      return y;
    }
    case 'LOGISTIC': case 'TANH': {
      const y = b.act(xs, type === 'LOGISTIC' ? actQ(r, 1 / 256, -128) : actQ(r, 1 / 128, 0));
      b.op({ type, inputs: [x], outputs: [y], version: 1, options: {} } as Op);
      return y;
    }
    case 'RELU6': {
      const y = b.act(xs, xq);
      b.op({ type, inputs: [x], outputs: [y], version: 1, options: {} });
      return y;
    }
  }
}

/** A graph exercising `type`: sometimes preceded or followed by a second op so buffers get reused and overlapped. */
export function randomGraph(type: FuzzedOp, seed: number, rand: Rand): Graph {
  const b = new Builder(rand);
  const spatial = ['CONV_2D', 'DEPTHWISE_CONV_2D', 'AVERAGE_POOL_2D', 'MAX_POOL_2D'].includes(type);
  const rank = spatial ? 4 : int(rand, 1, 4);
  const shape = spatial ? [int(rand, 1, 2), int(rand, 1, 9), int(rand, 1, 9), int(rand, 1, 5)]
    : Array.from({ length: rank }, () => int(rand, 1, 6));
  const x0 = b.act(shape, actQ(rand));
  const inputs = [x0];
  let x = x0;
  // A leading element-wise op makes the tested op's input an intermediate buffer (freed at that op).
  if (rand() < 0.4) x = addOp(b, 'RELU', x, inputs);
  x = addOp(b, type, x, inputs);
  if (rand() < 0.4) x = addOp(b, pick(rand, ['RELU', 'QUANTIZE', 'LOGISTIC'] as const), x, inputs);
  return { name: `fuzz-${type}-${seed}`, tensors: b.tensors, ops: b.ops, inputs, outputs: [x] };
}

/**
 * Windows whose dilated taps step over the image in some columns but not the next (e.g. 3 wide, filter 2,
 * dilation 4, SAME: column 1 has no tap inside), and 1x1 filters: corners random shapes seldom reach.
 */
export function windowEdgeGraphs(rand: Rand): Graph[] {
  const cases: Array<[FuzzedOp, number, number, number, number]> = [
    // type, in_h, in_w, filter, dilation
    ['CONV_2D', 3, 3, 2, 4], ['CONV_2D', 1, 3, 2, 4], ['CONV_2D', 5, 5, 3, 3], ['CONV_2D', 5, 1, 4, 2], ['CONV_2D', 4, 4, 1, 1],
    ['DEPTHWISE_CONV_2D', 3, 3, 2, 4], ['DEPTHWISE_CONV_2D', 3, 1, 2, 4], ['DEPTHWISE_CONV_2D', 5, 5, 3, 3],
  ];
  return cases.map(([type, h, w, k, d], i) => {
    const b = new Builder(rand);
    const x = b.act([1, h, w, 3], actQ(rand));
    const xq = b.tensors[x]!.quant!;
    const outC = type === 'CONV_2D' ? 4 : 6;
    const [wt, bias] = type === 'CONV_2D'
      ? weightsAndBias(b, [outC, k, k, 3], outC, 0, xq.scale[0]!, true)
      : weightsAndBias(b, [1, k, k, outC], outC, 3, xq.scale[0]!, true);
    const y = b.act([1, h, w, outC], actQ(rand));
    const common = { padding: 'SAME' as const, strideH: 1, strideW: 1, dilationH: d, dilationW: d, activation: 'NONE' as const };
    b.op(type === 'CONV_2D'
      ? { type, inputs: [x, wt, bias], outputs: [y], version: 3, options: common }
      : { type: 'DEPTHWISE_CONV_2D', inputs: [x, wt, bias], outputs: [y], version: 3, options: { ...common, depthMultiplier: 2 } });
    return { name: `edge-${type}-${i}`, tensors: b.tensors, ops: b.ops, inputs: [x], outputs: [y] };
  });
}

/** The first fuzzed convolution whose requantization table really is packed (per-channel scales, not all equal). */
export function packedConvGraph(): Graph {
  const rand = mulberry32(77);
  for (let seed = 0; seed < 50; seed++) {
    const g = randomGraph('CONV_2D', seed, rand);
    if (generateNativeModel(g, { prefix: 'mcu', requantLayout: 'packed' }).source.includes('td_requant_packed')) return g;
  }
  throw new Error('no fuzzed convolution with a packed table in 50 seeds');
}
