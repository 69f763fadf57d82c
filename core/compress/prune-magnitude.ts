// Magnitude pruning: zeroes the smallest weights of every Dense/Conv filter, ramping sparsity up with a polynomial
// schedule over fine-tuning steps and keeping pruned weights at zero. Dense storage still holds every zero, so this
// saves nothing on a board unless weights are stored sparse (the report says so).
import * as tf from '@tensorflow/tfjs';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Graph } from '../model/index.js';
import type { Samples } from './samples.js';
import type { ParamMap } from './tf-graph.js';
import { floatBytes, readFloats } from './tensor-values.js';
import { trainGraph, type TrainOptions } from './train.js';

export interface MagnitudePruneOptions extends Partial<Omit<TrainOptions, 'loss' | 'afterStep'>> {
  /** Final fraction of zero weights in every filter, in (0, 1). */
  sparsity: number;
  train?: Samples;
  /** Fraction of the fine-tuning steps over which sparsity ramps from 0 to the target (default 0.7). */
  rampFraction?: number;
}

export interface MagnitudePruneResult { graph: Graph; sparsity: number; backend?: string }

/** Sparsity at `step` of `total`: s·(1 − (1 − t)³), t = step / (ramp·total) capped at 1 (Zhu & Gupta's schedule). */
export function polynomialSparsity(target: number, step: number, total: number, rampFraction = 0.7): number {
  const end = Math.max(1, Math.round(total * rampFraction));
  const t = Math.min(1, step / end);
  return target * (1 - (1 - t) ** 3);
}

/** The filter tensors magnitude pruning acts on. */
export function filterTensors(graph: Graph): number[] {
  const set = new Set<number>();
  for (const op of graph.ops) {
    if (op.type === 'FULLY_CONNECTED' || op.type === 'CONV_2D' || op.type === 'DEPTHWISE_CONV_2D') set.add(op.inputs[1]!);
  }
  return [...set];
}

/** A 0/1 mask keeping the largest-magnitude (1 − sparsity) share of the values. */
export function magnitudeMask(values: Float32Array, sparsity: number): Float32Array {
  const zeros = Math.min(values.length, Math.floor(values.length * sparsity + 1e-9));
  const order = Array.from(values, (v, i) => [Math.abs(v), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const mask = new Float32Array(values.length).fill(1);
  for (let k = 0; k < zeros; k++) mask[order[k]![1]] = 0;
  return mask;
}

/** Fraction of exact zeros among the filter weights. */
export function filterSparsity(graph: Graph): number {
  let zeros = 0;
  let total = 0;
  for (const t of filterTensors(graph)) {
    for (const v of readFloats(graph.tensors[t]!)) { if (v === 0) zeros++; total++; }
  }
  return total ? zeros / total : 0;
}

function applyMasks(graph: Graph, sparsity: number): Graph {
  const tensors = [...graph.tensors];
  for (const t of filterTensors(graph)) {
    const v = readFloats(tensors[t]!);
    const m = magnitudeMask(v, sparsity);
    tensors[t] = { ...tensors[t]!, data: floatBytes(v.map((x, i) => x * m[i]!)) };
  }
  return { ...graph, tensors };
}

export async function pruneMagnitude(graph: Graph, opts: MagnitudePruneOptions): Promise<MagnitudePruneResult> {
  if (!(opts.sparsity > 0 && opts.sparsity < 1)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `magnitude pruning sparsity ${opts.sparsity} is not in (0, 1)`, {
      advice: 'Give the fraction of weights to zero, e.g. magnitude:0.8.' });
  }
  if (!opts.train || (opts.epochs ?? 0) <= 0) {
    const g = applyMasks(graph, opts.sparsity);
    return { graph: g, sparsity: filterSparsity(g) };
  }
  const targets = filterTensors(graph);
  const masks = new Map<number, tf.Tensor>();
  let current = 0;
  const updateMasks = (params: ParamMap, sparsity: number): void => {
    for (const t of targets) {
      const p = params.get(t) as tf.Variable;
      masks.get(t)?.dispose();
      masks.set(t, tf.tensor(magnitudeMask(p.dataSync() as Float32Array, sparsity), p.shape));
    }
  };
  try {
    const tuned = await trainGraph(graph, opts.train, {
      ...opts, epochs: opts.epochs ?? 0, job: opts.job ?? 'prune-magnitude',
      afterStep: (step, total, params) => {
        const s = polynomialSparsity(opts.sparsity, step, total, opts.rampFraction);
        if (s - current >= 0.01 || (s === opts.sparsity && current !== s)) { updateMasks(params, s); current = s; }
        if (masks.size === 0) return;
        tf.tidy(() => { for (const t of targets) (params.get(t) as tf.Variable).assign(tf.mul(params.get(t)!, masks.get(t)!)); });
      },
    });
    const g = applyMasks(tuned.graph, opts.sparsity);
    return { graph: g, sparsity: filterSparsity(g), backend: tuned.backend };
  } finally {
    for (const m of masks.values()) m.dispose();
  }
}
