// A hybrid (dynamic-range) .tflite made from a float one, as the TFLite converter's Optimize.DEFAULT without a
// representative dataset makes it: int8 weights with a per-tensor scale, float32 activations and bias.
import { readFileSync } from 'node:fs';
import { readTflite, writeTflite } from '../../core/formats/index.js';
import type { Graph } from '../../core/model/index.js';

export function hybridFrom(floatTflitePath: string): { bytes: Uint8Array; graph: Graph } {
  const graph = readTflite(new Uint8Array(readFileSync(floatTflitePath)));
  const weights = new Set(graph.ops.filter((op) => op.type === 'FULLY_CONNECTED' || op.type === 'CONV_2D').map((op) => op.inputs[1]!));
  const tensors = graph.tensors.map((t, i) => {
    if (!weights.has(i) || !t.data) return t;
    const f = new Float32Array(t.data.slice().buffer);
    const scale = Math.max(...f.map(Math.abs)) / 127 || 1;
    const q = Int8Array.from(f, (x) => Math.max(-127, Math.min(127, Math.round(x / scale))));
    return { ...t, dtype: 'int8' as const, data: new Uint8Array(q.buffer), quant: { scale: [scale], zeroPoint: [0], axis: 0 } };
  });
  const hybrid: Graph = { ...graph, tensors };
  return { bytes: writeTflite(hybrid), graph: hybrid };
}
