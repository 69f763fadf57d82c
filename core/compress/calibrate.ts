// Runs the float graph over calibration rows and keeps a histogram of every activation tensor.
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../model/index.js';
import { histogramOf, type TensorHistogram } from './calibrators.js';
import { batchShape, forward, type ParamMap } from './tf-graph.js';

const CHUNK = 128;

/** Indices of the activation tensors (inputs and op outputs) of a float graph, in execution order. */
export function activationTensors(graph: Graph): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  const add = (i: number): void => { if (!seen.has(i) && !graph.tensors[i]?.data) { seen.add(i); order.push(i); } };
  graph.inputs.forEach(add);
  for (const op of graph.ops) op.outputs.forEach(add);
  return order;
}

/** Histograms of every activation tensor over `rows` calibration samples (row-major features of input 0). */
export function calibrationHistograms(graph: Graph, params: ParamMap, features: Float32Array, rows: number): Map<number, TensorHistogram> {
  const acts = activationTensors(graph);
  const perRow = features.length / Math.max(1, rows);
  const collected = new Map<number, Float32Array[]>(acts.map((a) => [a, []]));
  for (let start = 0; start < rows; start += CHUNK) {
    const n = Math.min(CHUNK, rows - start);
    // Typed arrays are read inside tidy but never returned from it: tidy would walk every element looking for tensors.
    tf.tidy(() => {
      const x = tf.tensor(features.subarray(start * perRow, (start + n) * perRow), batchShape(graph, 0, n), 'float32');
      const values = forward(graph, params, [x]);
      for (const a of acts) collected.get(a)!.push(Float32Array.from(values.get(a)!.dataSync() as Float32Array));
    });
  }
  const out = new Map<number, TensorHistogram>();
  for (const [a, parts] of collected) {
    const total = parts.reduce((s, p) => s + p.length, 0);
    const all = new Float32Array(total);
    let off = 0;
    for (const p of parts) { all.set(p, off); off += p.length; }
    out.set(a, histogramOf(all));
  }
  return out;
}
