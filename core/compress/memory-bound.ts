// Activation RAM without the codegen planner (compress may not import codegen): the layer-by-layer bound, i.e.
// the largest total of activation tensors alive at once when each op's inputs and outputs are separate buffers.
import { tensorBytes, type Graph } from '../model/index.js';

export function layerByLayerBytes(graph: Graph): number {
  const n = graph.ops.length;
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const t of graph.inputs) first.set(t, -1);
  graph.ops.forEach((op, k) => {
    for (const t of op.outputs) if (!first.has(t)) first.set(t, k);
    for (const t of op.inputs) if (t >= 0 && !graph.tensors[t]?.data) last.set(t, Math.max(last.get(t) ?? k, k));
  });
  for (const t of graph.outputs) last.set(t, n);
  let peak = 0;
  for (let k = 0; k < n; k++) {
    let live = 0;
    for (const [t, f] of first) {
      const l = last.get(t) ?? f;
      if (f <= k && k <= l) live += tensorBytes(graph.tensors[t]!);
    }
    peak = Math.max(peak, live);
  }
  return peak;
}
