// Accumulates the IR while layers are converted: tensors, ops, and which op a later activation or BN may fuse into.
import type { Activation, Graph, Op, OpOptionsMap, OpType, Tensor } from '../../model/index.js';

export interface FloatWeight {
  shape: number[];
  data: Float32Array;
}

/** An op whose output can still absorb a following activation (options.activation) or BatchNormalization. */
export interface Fusable {
  op: number;
  /** The constant tensors that a BatchNormalization folds into (FC / conv / depthwise only). */
  weights?: number;
  bias?: number;
  /** Which weight axis holds the output channel. */
  channelAxis?: number;
}

export class GraphBuilder {
  readonly tensors: Tensor[] = [];
  readonly ops: Op[] = [];
  /** Output tensor index → the op that may absorb what follows. */
  readonly fusable = new Map<number, Fusable>();

  activation(name: string, shape: number[]): number {
    this.tensors.push({ name, shape: [...shape], dtype: 'float32' });
    return this.tensors.length - 1;
  }

  constFloat(name: string, shape: number[], values: Float32Array): number {
    const copy = Float32Array.from(values);
    this.tensors.push({ name, shape: [...shape], dtype: 'float32', data: new Uint8Array(copy.buffer) });
    return this.tensors.length - 1;
  }

  constInt32(name: string, values: number[]): number {
    const data = Int32Array.from(values);
    this.tensors.push({ name, shape: [values.length], dtype: 'int32', data: new Uint8Array(data.buffer) });
    return this.tensors.length - 1;
  }

  /** A constant's values as float32 (a live view: writing to it changes the tensor). */
  floatData(index: number): Float32Array {
    const t = this.tensors[index];
    if (!t?.data) throw new Error(`tensor ${index} has no data`);
    return new Float32Array(t.data.buffer, t.data.byteOffset, t.data.byteLength / 4);
  }

  shape(index: number): number[] {
    const t = this.tensors[index];
    if (!t) throw new Error(`no tensor ${index}`);
    return t.shape;
  }

  op<K extends OpType>(type: K, inputs: number[], outputs: number[], options: OpOptionsMap[K]): number {
    this.ops.push({ type, inputs, outputs, options, version: 1 } as Op);
    return this.ops.length - 1;
  }

  /** The fused activation slot of an op that has one (FC, conv, depthwise, ADD), if it is still empty. */
  freeActivationSlot(tensor: number): Fusable | undefined {
    const f = this.fusable.get(tensor);
    if (!f) return undefined;
    const op = this.ops[f.op];
    if (!op || !('activation' in op.options)) return undefined;
    return op.options.activation === 'NONE' ? f : undefined;
  }

  setActivation(f: Fusable, activation: Activation): void {
    const op = this.ops[f.op];
    if (op && 'activation' in op.options) (op.options as { activation: Activation }).activation = activation;
  }

  /** The graph, without ops whose results nobody reads and tensors no op uses (left by merged reshapes). */
  build(name: string, inputs: number[], outputs: number[], description: string): Graph {
    let ops = this.ops;
    for (;;) {
      const read = new Set([...outputs, ...ops.flatMap((o) => o.inputs)]);
      const live = ops.filter((o) => o.outputs.some((t) => read.has(t)));
      if (live.length === ops.length) break;
      ops = live;
    }
    const used = new Set([...inputs, ...outputs, ...ops.flatMap((o) => [...o.inputs, ...o.outputs])]);
    const remap = new Map<number, number>();
    const tensors: Tensor[] = [];
    this.tensors.forEach((t, i) => { if (used.has(i)) { remap.set(i, tensors.length); tensors.push(t); } });
    const at = (i: number) => (i < 0 ? i : remap.get(i) ?? -1);
    return {
      name, tensors, description,
      ops: ops.map((o) => ({ ...o, inputs: o.inputs.map(at), outputs: o.outputs.map(at) }) as Op),
      inputs: inputs.map(at), outputs: outputs.map(at),
    };
  }
}

export function fusedActivation(name: string): Activation | undefined {
  if (name === 'relu') return 'RELU';
  if (name === 'relu6') return 'RELU6';
  return undefined;
}
