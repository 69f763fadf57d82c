// Activation buffers and their lifetimes, op by op: what the codegen planner places and what the no-overlap RAM
// figure sums. A RESHAPE output shares its input's buffer; each buffer lives from the op that writes it to the
// last op that reads it (graph inputs from before op 0, graph outputs to after the last op).
import { tensorBytes, type Graph } from './ir.js';

export interface ActivationBuffer {
  id: number;
  /** Graph tensor indices stored in this buffer (more than one when RESHAPE aliases). */
  tensors: number[];
  bytes: number;
  /** Op index that writes it (-1: a graph input, copied in before op 0). */
  first: number;
  /** Last op index that reads it (ops.length: a graph output, copied out after the last op). */
  last: number;
}

export interface ActivationBuffers {
  buffers: ActivationBuffer[];
  /** Tensor index → buffer id (activations only). */
  bufferOf: Map<number, number>;
}

/** Called on a graph that is not in execution order; without it such reads and writes are skipped. */
export type LifetimeFail = (message: string, advice?: string) => never;

/** True when a tensor is an activation: it has no constant data and is not an absent optional input. */
export function isActivation(graph: Graph, index: number): boolean {
  const t = graph.tensors[index];
  return t !== undefined && t.data === undefined;
}

/**
 * The activation buffers of a graph in execution order. `fail` makes a malformed graph an error (codegen must
 * not plan one); without it the figure is a best effort (compress estimates any graph it is given).
 */
export function activationBuffers(graph: Graph, fail?: LifetimeFail): ActivationBuffers {
  const bufferOf = new Map<number, number>();
  const buffers: ActivationBuffer[] = [];
  const newBuffer = (t: number, first: number): void => {
    const tensor = t >= 0 ? graph.tensors[t] : undefined;
    if (!tensor) {
      fail?.(`activation: tensor ${t} does not exist`);
      return;
    }
    bufferOf.set(t, buffers.length);
    buffers.push({ id: buffers.length, tensors: [t], bytes: tensorBytes(tensor), first, last: first });
  };
  for (const t of graph.inputs) if (!bufferOf.has(t)) newBuffer(t, -1);
  graph.ops.forEach((op, k) => {
    for (const t of op.inputs) {
      if (t < 0 || !isActivation(graph, t)) continue;
      const b = bufferOf.get(t);
      if (b === undefined) {
        fail?.(`op ${k} (${op.type}) reads tensor ${t} before any op writes it`, 'The graph is not in execution order; re-export the model.');
        continue;
      }
      buffers[b]!.last = Math.max(buffers[b]!.last, k);
    }
    for (const t of op.outputs) {
      if (bufferOf.has(t)) {
        fail?.(`tensor ${t} is written twice (op ${k})`, 'Re-export the model.');
        continue;
      }
      const src = op.inputs[0];
      if (op.type === 'RESHAPE' && src !== undefined && src >= 0 && bufferOf.has(src)) {
        const b = bufferOf.get(src)!;
        bufferOf.set(t, b);
        buffers[b]!.tensors.push(t);
        buffers[b]!.last = Math.max(buffers[b]!.last, k);
      } else {
        newBuffer(t, k);
      }
    }
  });
  for (const t of graph.outputs) {
    const b = bufferOf.get(t);
    if (b === undefined) {
      fail?.(`graph output ${t} is never written`, 'Re-export the model.');
      continue;
    }
    buffers[b]!.last = graph.ops.length;
  }
  return { buffers, bufferOf };
}

/** True when two buffers are live during a common op (or both at the input copy / output copy). */
export function livesOverlap(a: ActivationBuffer, b: ActivationBuffer): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Bytes live at each op when every buffer is separate; overlapping an output with a consumed input goes below. */
export function liveBytesPerOp(buffers: readonly ActivationBuffer[], opCount: number): number[] {
  const live: number[] = [];
  for (let k = 0; k < opCount; k++) {
    live.push(buffers.filter((b) => b.first <= k && k <= b.last).reduce((s, b) => s + b.bytes, 0));
  }
  return live;
}

/** The no-overlap peak (TFLM's layer-by-layer figure): the most bytes live at one op; with no ops, every buffer. */
export function noOverlapPeakBytes(buffers: readonly ActivationBuffer[], opCount: number): number {
  const live = liveBytesPerOp(buffers, opCount);
  return live.length > 0 ? Math.max(...live) : buffers.reduce((s, b) => s + b.bytes, 0);
}
