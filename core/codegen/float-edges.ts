// Models converted without int8 I/O start with QUANTIZE (float32 → int8) and end with DEQUANTIZE (int8 → float32).
// The native API is int8 in, int8 out, so those edge ops are dropped: the caller quantizes with the input's
// scale/zero point and dequantizes with the output's, which the generated header exports.
import type { Graph } from '../model/index.js';

export interface StrippedGraph {
  graph: Graph;
  /** Edge ops removed, as "QUANTIZE of input 0", "DEQUANTIZE of output 1"... (for the banner and the report). */
  removed: string[];
}

export function stripFloatEdges(graph: Graph): StrippedGraph {
  const removed: string[] = [];
  const drop = new Set<number>();
  const users = (t: number): number[] => graph.ops.flatMap((op, k) => (op.inputs.includes(t) ? [k] : []));
  const inputs = graph.inputs.map((t, i) => {
    const u = users(t);
    const op = u.length === 1 ? graph.ops[u[0]!] : undefined;
    if (graph.tensors[t]?.dtype !== 'float32' || op?.type !== 'QUANTIZE' || graph.outputs.includes(t)) return t;
    const out = op.outputs[0]!;
    if (graph.tensors[out]?.dtype !== 'int8') return t;
    drop.add(u[0]!);
    removed.push(`QUANTIZE of input ${i}`);
    return out;
  });
  const outputs = graph.outputs.map((t, i) => {
    const k = graph.ops.findIndex((op) => op.outputs.includes(t));
    const op = graph.ops[k];
    if (graph.tensors[t]?.dtype !== 'float32' || op?.type !== 'DEQUANTIZE' || users(t).length > 0) return t;
    const src = op.inputs[0]!;
    if (graph.tensors[src]?.dtype !== 'int8') return t;
    drop.add(k);
    removed.push(`DEQUANTIZE of output ${i}`);
    return src;
  });
  if (drop.size === 0) return { graph, removed };
  return { graph: { ...graph, inputs, outputs, ops: graph.ops.filter((_, k) => !drop.has(k)) }, removed };
}
