// Chooses int8 params for every activation tensor: fixed ones (softmax…), shared ones (pool, reshape, concat…),
// and calibrated ones — per tensor group by one calibrator, or 'auto' = the calibrator whose fake-quantized
// model reproduces the float outputs best on the calibration rows (a measured criterion, tried greedily in order).
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../model/index.js';
import { CALIBRATORS, calibratedRange, type CalibratorName, type TensorHistogram } from './calibrators.js';
import { activationTensors } from './calibrate.js';
import { activationParams, type QuantParams, type Range } from './real-to-int8.js';
import { forward, type ParamMap } from './tf-graph.js';

export type CalibratorChoice = CalibratorName | 'auto';

/** Where a tensor's params came from, for the report. */
export type ParamSource = CalibratorName | 'fixed';

export interface ActivationPlan {
  params: Map<number, QuantParams>;
  source: Map<number, ParamSource>;
}

const FIXED: Partial<Record<string, QuantParams>> = {
  SOFTMAX: { scale: 1 / 256, zeroPoint: -128 },
  LOGISTIC: { scale: 1 / 256, zeroPoint: -128 },
  TANH: { scale: 1 / 128, zeroPoint: 0 },
};
const SAME_SCALE = new Set(['MAX_POOL_2D', 'AVERAGE_POOL_2D', 'RESHAPE', 'PAD', 'CONCATENATION', 'QUANTIZE', 'DEQUANTIZE']);

/** Groups of activation tensors that must share params (union-find over same-scale ops), in execution order. */
export function sharedGroups(graph: Graph): number[][] {
  const parent = new Map<number, number>();
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(i, r);
    return r;
  };
  const acts = activationTensors(graph);
  for (const a of acts) parent.set(a, a);
  for (const op of graph.ops) {
    if (!SAME_SCALE.has(op.type)) continue;
    const members = (op.type === 'CONCATENATION' ? op.inputs : [op.inputs[0]!]).concat(op.outputs)
      .filter((t) => parent.has(t));
    for (const m of members.slice(1)) parent.set(find(m), find(members[0]!));
  }
  const groups = new Map<number, number[]>();
  for (const a of acts) {
    const r = find(a);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(a);
  }
  return [...groups.values()];
}

function fixedParamsOf(graph: Graph, group: number[]): QuantParams | undefined {
  for (const op of graph.ops) {
    const f = FIXED[op.type];
    if (f && group.includes(op.outputs[0]!)) return f;
  }
  return undefined;
}

function groupRange(group: number[], hist: Map<number, TensorHistogram>, c: CalibratorName): Range {
  let min = Infinity;
  let max = -Infinity;
  for (const t of group) {
    const h = hist.get(t);
    if (!h) continue;
    const r = calibratedRange(h, c);
    min = Math.min(min, r.min);
    max = Math.max(max, r.max);
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/** What the auto calibrator measures with: rows to run, float reference outputs, fake-quantized weights. */
export interface SearchContext { params: ParamMap; input: tf.Tensor; reference: tf.Tensor[] }

function fakeQuantTensor(x: tf.Tensor, p: QuantParams): tf.Tensor {
  const q = tf.clipByValue(tf.add(tf.round(tf.div(x, p.scale)), p.zeroPoint), -128, 127);
  return tf.mul(tf.sub(q, p.zeroPoint), p.scale);
}

/** How far the fake-quantized model is from the float one: top-1 disagreements (classification) and output MSE. */
interface OutputError { mismatches: number; mse: number }

function outputError(graph: Graph, ctx: SearchContext, params: Map<number, QuantParams>): OutputError {
  return tf.tidy(() => {
    const values = forward(graph, ctx.params, [ctx.input], {
      onValue: (i, v) => { const p = params.get(i); return p ? fakeQuantTensor(v, p) : v; },
    });
    let mse = 0;
    let mismatches = 0;
    graph.outputs.forEach((o, k) => {
      const y = values.get(o)!;
      const ref = ctx.reference[k]!;
      mse += tf.mean(tf.squaredDifference(y, ref)).dataSync()[0]!;
      const width = y.shape[y.shape.length - 1]!;
      if (width > 1) {
        const a = tf.argMax(tf.reshape(y, [-1, width]), 1);
        const b = tf.argMax(tf.reshape(ref, [-1, width]), 1);
        mismatches += tf.sum(tf.cast(tf.notEqual(a, b), 'int32')).dataSync()[0]!;
      }
    });
    return { mismatches, mse };
  });
}

/** A candidate wins on fewer top-1 disagreements, or on as many and at least 10 % less output MSE. */
function better(a: OutputError, b: OutputError): boolean {
  return a.mismatches < b.mismatches || (a.mismatches === b.mismatches && a.mse < b.mse * 0.9);
}

export function planActivations(graph: Graph, hist: Map<number, TensorHistogram>, calibrator: CalibratorChoice,
  search?: SearchContext): ActivationPlan {
  const params = new Map<number, QuantParams>();
  const source = new Map<number, ParamSource>();
  const groups = sharedGroups(graph);
  const free: number[][] = [];
  const set = (g: number[], p: QuantParams, s: ParamSource): void => { for (const t of g) { params.set(t, p); source.set(t, s); } };
  for (const g of groups) {
    const fixed = fixedParamsOf(graph, g);
    if (fixed) set(g, fixed, 'fixed');
    else { free.push(g); set(g, activationParams(groupRange(g, hist, calibrator === 'auto' ? 'minmax' : calibrator)), calibrator === 'auto' ? 'minmax' : calibrator); }
  }
  if (calibrator !== 'auto' || !search) return { params, source };
  let best = outputError(graph, search, params);
  // The model input keeps its full range: clipping it would silently saturate real-world samples.
  for (const g of free.filter((grp) => !grp.some((t) => graph.inputs.includes(t)))) {
    const current = params.get(g[0]!)!;
    let choice: { p: QuantParams; c: CalibratorName } | undefined;
    for (const c of CALIBRATORS) {
      const p = activationParams(groupRange(g, hist, c));
      if (p.scale === current.scale && p.zeroPoint === current.zeroPoint) continue;
      set(g, p, c);
      const err = outputError(graph, search, params);
      if (better(err, best)) { best = err; choice = { p, c }; }
      set(g, current, 'minmax');
    }
    if (choice) set(g, choice.p, choice.c);
  }
  return { params, source };
}
