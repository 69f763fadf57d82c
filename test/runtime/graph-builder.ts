// Builds small hand-made graphs for kernel tests: activations, constants and one op at a time.
import type { Activation, DType, Graph, Op, OpOptionsMap, OpType, Quantization, Tensor } from '../../core/model/index.js';

export function q(scale: number | number[], zeroPoint: number | number[] = 0, axis = 0): Quantization {
  const scales = Array.isArray(scale) ? scale.map(Math.fround) : [Math.fround(scale)];
  const zps = Array.isArray(zeroPoint) ? zeroPoint : scales.map(() => zeroPoint);
  return { scale: scales, zeroPoint: zps, axis };
}

function bytesOf(values: ArrayLike<number>, dtype: DType): Uint8Array {
  const arr = dtype === 'int8' ? Int8Array.from(values) : dtype === 'int32' ? Int32Array.from(values)
    : dtype === 'float32' ? Float32Array.from(values) : dtype === 'int16' ? Int16Array.from(values) : Uint8Array.from(values);
  return new Uint8Array(arr.buffer.slice(0));
}

export class GraphBuilder {
  readonly tensors: Tensor[] = [];
  readonly ops: Op[] = [];
  inputs: number[] = [];
  outputs: number[] = [];

  tensor(shape: number[], dtype: DType, quant?: Quantization, name = `t${this.tensors.length}`): number {
    this.tensors.push({ name, shape, dtype, ...(quant ? { quant } : {}) });
    return this.tensors.length - 1;
  }

  input(shape: number[], dtype: DType, quant?: Quantization): number {
    const i = this.tensor(shape, dtype, quant);
    this.inputs.push(i);
    return i;
  }

  constant(shape: number[], dtype: DType, values: ArrayLike<number>, quant?: Quantization): number {
    const i = this.tensor(shape, dtype, quant);
    this.tensors[i]!.data = bytesOf(values, dtype);
    return i;
  }

  op<K extends OpType>(type: K, inputs: number[], outputs: number[], options: OpOptionsMap[K], version = 1): this {
    this.ops.push({ type, inputs, outputs, options, version } as unknown as Op);
    return this;
  }

  output(i: number): this {
    this.outputs.push(i);
    return this;
  }

  build(name = 'test'): Graph {
    return { name, tensors: this.tensors, ops: this.ops, inputs: this.inputs, outputs: this.outputs };
  }
}

export const conv = (padding: 'SAME' | 'VALID', stride = 1, activation: Activation = 'NONE', dilation = 1) =>
  ({ padding, strideW: stride, strideH: stride, dilationW: dilation, dilationH: dilation, activation });

export const pool = (padding: 'SAME' | 'VALID', filter: number, stride: number, activation: Activation = 'NONE') =>
  ({ padding, strideW: stride, strideH: stride, filterW: filter, filterH: filter, activation });

export const fc = (activation: Activation = 'NONE') =>
  ({ activation, keepNumDims: false, weightsFormat: 'DEFAULT' as const, asymmetricQuantizeInputs: false });

/** A deterministic pseudo-random int8 / float source for tests (LCG). */
export function rng(seed: number): { int8: (n: number) => Int8Array; float: (n: number, lo: number, hi: number) => Float32Array; int: (lo: number, hi: number) => number } {
  let s = seed >>> 0;
  const next = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
  return {
    int8: (n) => Int8Array.from({ length: n }, () => Math.floor(next() * 256) - 128),
    float: (n, lo, hi) => Float32Array.from({ length: n }, () => lo + (hi - lo) * next()),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}
