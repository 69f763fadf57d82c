// What a kernel's prepare step sees: the op, its tensors and their preallocated storage, and typed errors.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, type DType, type Graph, type Op, type Tensor } from '../model/index.js';
import type { TensorData } from './tensor-data.js';

/** Eval: the inner loop, run once per inference with every constant already computed. */
export type EvalFn = () => void;

export class OpContext<O extends Op = Op> {
  constructor(
    readonly graph: Graph,
    readonly index: number,
    readonly op: O,
    private readonly buffers: readonly (TensorData | undefined)[],
  ) {}

  get numInputs(): number { return this.op.inputs.length; }

  /** True when input k exists and is not the -1 "absent" marker. */
  hasInput(k: number): boolean {
    const ti = this.op.inputs[k];
    return ti !== undefined && ti >= 0;
  }

  inputTensor(k: number): Tensor { return this.tensorAt(this.op.inputs[k], `input ${k}`); }
  outputTensor(k = 0): Tensor { return this.tensorAt(this.op.outputs[k], `output ${k}`); }

  /** Storage of input k, checked to be of the expected dtype. */
  inputData<T extends TensorData>(k: number, ctor: new (n: number) => T): T {
    return this.dataAt(this.op.inputs[k], ctor, `input ${k}`);
  }

  outputData<T extends TensorData>(ctor: new (n: number) => T, k = 0): T {
    return this.dataAt(this.op.outputs[k], ctor, `output ${k}`);
  }

  /** Storage of input k whatever its dtype (for data-movement kernels). */
  inputAny(k: number): TensorData {
    const d = this.buffers[this.op.inputs[k] ?? -1];
    if (!d) throw this.unsupported(`input ${k} has no storage`);
    return d;
  }

  outputAny(k = 0): TensorData {
    const d = this.buffers[this.op.outputs[k] ?? -1];
    if (!d) throw this.unsupported(`output ${k} has no storage`);
    return d;
  }

  /** The values of a constant int32 input (axes, paddings, shapes); an error when the input is not constant. */
  constantInts(k: number, what: string): number[] {
    const t = this.inputTensor(k);
    const data = this.buffers[this.op.inputs[k]!];
    if (!t.data || !(data instanceof Int32Array)) {
      throw this.unsupported(`${what} (input ${k}) must be a constant int32 tensor`);
    }
    return Array.from(data);
  }

  /** Input and output dtypes as one string, e.g. "int8→int8", for messages and dispatch. */
  dtypes(): string {
    const ins = this.op.inputs.filter((i) => i >= 0).map((i) => this.graph.tensors[i]?.dtype ?? '?');
    const outs = this.op.outputs.map((i) => this.graph.tensors[i]?.dtype ?? '?');
    return `${ins.join(',')}→${outs.join(',')}`;
  }

  unsupported(what: string): TinyDeployError {
    return new TinyDeployError(ErrorCode.RuntimeUnsupported, `op ${this.index} (${this.op.type}): ${what}`, {
      advice: 'TinyDeploy runs int8 and float32 models with the ops TFLite Micro supports; re-export or re-quantize the model.',
    });
  }

  requireDTypes(allowed: readonly DType[][], what = 'dtype combination'): DType[] {
    const ins = this.op.inputs.filter((i) => i >= 0).map((i) => this.graph.tensors[i]!.dtype);
    const got = [...ins, this.outputTensor().dtype];
    for (const combo of allowed) {
      if (combo.every((d, i) => got[i] === d)) return got;
    }
    throw this.unsupported(`unsupported ${what} ${this.dtypes()}`);
  }

  elementCount(t: Tensor): number { return elementCount(t.shape); }

  private tensorAt(ti: number | undefined, what: string): Tensor {
    const t = ti !== undefined && ti >= 0 ? this.graph.tensors[ti] : undefined;
    if (!t) throw this.unsupported(`${what} is missing`);
    return t;
  }

  private dataAt<T extends TensorData>(ti: number | undefined, ctor: new (n: number) => T, what: string): T {
    const d = ti !== undefined && ti >= 0 ? this.buffers[ti] : undefined;
    if (!(d instanceof ctor)) throw this.unsupported(`${what} is not ${ctor.name} storage`);
    return d;
  }
}
