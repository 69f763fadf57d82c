// The planner's view of a graph: the activation buffers and lifetimes of model/lifetimes.ts, plus where an op's
// output may overlap an input that dies at that op (see access-order).
import { activationBuffers, type ActivationBuffer, type Graph } from '../model/index.js';
import { safeOverlapDelta } from './access-order.js';
import { unsupported } from './geometry.js';

/** An activation buffer as the planner places it (model/lifetimes.ts). */
export type PlanBuffer = ActivationBuffer;

/** Buffer `out` (written by op `op`) may start at most `maxDelta` bytes above buffer `input`, which dies at `op`. */
export interface OverlapPermission { op: number; out: number; input: number; maxDelta: number }

export interface BufferSet {
  buffers: PlanBuffer[];
  /** Tensor index → buffer id (activations only). */
  bufferOf: Map<number, number>;
  permissions: OverlapPermission[];
}

export function buildBuffers(graph: Graph, options: { overlap?: boolean } = {}): BufferSet {
  const { buffers, bufferOf } = activationBuffers(graph, (message, advice) => { throw unsupported(message, advice); });
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
