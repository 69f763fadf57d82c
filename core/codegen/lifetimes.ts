// Activation buffers of a graph: RESHAPE outputs alias their inputs, each buffer lives from the op that writes it
// to the last op that reads it, and an op's output may overlap an input that dies at that op (see access-order).
import { tensorBytes, type Graph } from '../model/index.js';
import { safeOverlapDelta } from './access-order.js';
import { tensorOf, unsupported } from './geometry.js';

export interface PlanBuffer {
  id: number;
  /** Graph tensor indices stored in this buffer (more than one when RESHAPE aliases). */
  tensors: number[];
  bytes: number;
  /** Op index that writes it (-1: a graph input, copied in before op 0). */
  first: number;
  /** Last op index that reads it (ops.length: a graph output, copied out after the last op). */
  last: number;
}

/** Buffer `out` (written by op `op`) may start at most `maxDelta` bytes above buffer `input`, which dies at `op`. */
export interface OverlapPermission { op: number; out: number; input: number; maxDelta: number }

export interface BufferSet {
  buffers: PlanBuffer[];
  /** Tensor index → buffer id (activations only). */
  bufferOf: Map<number, number>;
  permissions: OverlapPermission[];
}

/** True when a tensor is an activation: it has no constant data and is not an absent optional input. */
export function isActivation(graph: Graph, index: number): boolean {
  const t = graph.tensors[index];
  return t !== undefined && t.data === undefined;
}

export function buildBuffers(graph: Graph, options: { overlap?: boolean } = {}): BufferSet {
  const bufferOf = new Map<number, number>();
  const buffers: PlanBuffer[] = [];
  const newBuffer = (t: number, first: number): void => {
    const tensor = tensorOf(graph, t, 'activation');
    bufferOf.set(t, buffers.length);
    buffers.push({ id: buffers.length, tensors: [t], bytes: tensorBytes(tensor), first, last: first });
  };
  for (const t of graph.inputs) if (!bufferOf.has(t)) newBuffer(t, -1);
  graph.ops.forEach((op, k) => {
    for (const t of op.inputs) {
      if (t < 0 || !isActivation(graph, t)) continue;
      const b = bufferOf.get(t);
      if (b === undefined) throw unsupported(`op ${k} (${op.type}) reads tensor ${t} before any op writes it`, 'The graph is not in execution order; re-export the model.');
      buffers[b]!.last = Math.max(buffers[b]!.last, k);
    }
    for (const t of op.outputs) {
      if (bufferOf.has(t)) throw unsupported(`tensor ${t} is written twice (op ${k})`, 'Re-export the model.');
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
    if (b === undefined) throw unsupported(`graph output ${t} is never written`, 'Re-export the model.');
    buffers[b]!.last = graph.ops.length;
  }
  const permissions: OverlapPermission[] = [];
  if (options.overlap !== false) {
    graph.ops.forEach((op, k) => {
      if (op.type === 'RESHAPE' || op.outputs.length !== 1) return;
      const out = bufferOf.get(op.outputs[0]!);
      if (out === undefined || buffers[out]!.first !== k) return;
      const deltas = new Map<number, number | undefined>();
      op.inputs.forEach((t, slot) => {
        const input = t >= 0 ? bufferOf.get(t) : undefined;
        if (input === undefined || input === out || buffers[input]!.last !== k) return;
        const d = safeOverlapDelta(graph, op, slot);
        // Two slots may read the same buffer: keep the stricter bound, and none if either forbids overlap.
        const prev = deltas.has(input) ? deltas.get(input) : Number.MAX_SAFE_INTEGER;
        deltas.set(input, d === undefined || prev === undefined ? undefined : Math.min(prev, d));
      });
      for (const [input, maxDelta] of deltas) {
        if (maxDelta !== undefined) permissions.push({ op: k, out, input, maxDelta });
      }
    });
  }
  return { buffers, bufferOf, permissions };
}

/** True when two buffers are live during a common op (or both at the input copy / output copy). */
export function livesOverlap(a: PlanBuffer, b: PlanBuffer): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Bytes that must be live at op k when every buffer is separate: the no-overlap peak (MemoryReport.noOverlapPeakBytes) is the max; overlapping an output with a consumed input goes below it. */
export function liveBytesPerOp(set: BufferSet, opCount: number): number[] {
  const live: number[] = [];
  for (let k = 0; k < opCount; k++) {
    live.push(set.buffers.filter((b) => b.first <= k && k <= b.last).reduce((s, b) => s + b.bytes, 0));
  }
  return live;
}
