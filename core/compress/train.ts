// Trains (fine-tunes) the float constants of an IR graph with tfjs: seeded shuffles, Adam, progress, cancellation.
import * as tf from '@tensorflow/tfjs';
import { ErrorCode, TinyDeployError, type ProgressListener } from '../api/index.js';
import { checkFloatRun, type Graph } from '../model/index.js';
import { permutation, seededRng } from './rng.js';
import type { Samples } from './samples.js';
import { taskOf, type Task } from './task.js';
import { useBestBackend } from './tf-backend.js';
import { batchShape, disposeParams, forward, loadParams, type ParamMap } from './tf-graph.js';
import { floatBytes } from './tensor-values.js';

export interface TrainOptions {
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** The job name in progress events. */
  job?: string;
  /** Replaces the default loss (cross-entropy on logits, or MSE): gets every value of the batch and its rows. */
  loss?: (values: Map<number, tf.Tensor>, labels: tf.Tensor, rows: number[]) => tf.Scalar;
  /** Runs after every optimizer step, e.g. to keep pruned weights at zero. */
  afterStep?: (step: number, totalSteps: number, params: ParamMap) => void;
}

export interface TrainResult { graph: Graph; backend: string; steps: number; finalLoss: number }

export function cancelled(): TinyDeployError {
  return new TinyDeployError(ErrorCode.Cancelled, 'training was cancelled', { advice: 'Start the job again to train.' });
}

/** The tensor feeding the final SOFTMAX (the logits), when the model ends with one. */
export function logitsTensor(graph: Graph): number | undefined {
  const out = graph.outputs[0]!;
  const sm = graph.ops.find((op) => op.type === 'SOFTMAX' && op.outputs[0] === out);
  return sm?.inputs[0];
}

/** Cross-entropy on logits when the graph ends in SOFTMAX, else on probabilities; MSE for regression. */
export function defaultLoss(graph: Graph, task: Task): (values: Map<number, tf.Tensor>, labels: tf.Tensor) => tf.Scalar {
  const out = graph.outputs[0]!;
  const logits = logitsTensor(graph);
  return (values, labels) => {
    const y = values.get(out)!;
    if (task === 'regression') return tf.losses.meanSquaredError(tf.reshape(labels, [-1]), tf.reshape(y, [-1])) as tf.Scalar;
    const classes = y.shape[y.shape.length - 1]!;
    const oneHot = tf.oneHot(tf.cast(labels, 'int32'), classes);
    if (logits !== undefined) return tf.losses.softmaxCrossEntropy(oneHot, tf.reshape(values.get(logits)!, [-1, classes])) as tf.Scalar;
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(tf.add(tf.reshape(y, [-1, classes]), 1e-7))), 1))) as tf.Scalar;
  };
}

/** A copy of `graph` whose float constants hold the params' current values. */
export function graphWithParams(graph: Graph, params: ParamMap): Graph {
  const tensors = graph.tensors.map((t, i) => {
    const p = params.get(i);
    return p ? { ...t, shape: [...t.shape], data: floatBytes(p.dataSync() as Float32Array) } : t;
  });
  return { ...graph, tensors };
}

function batchOf(s: Samples, rows: number[], per: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(rows.length * per);
  const y = new Float32Array(rows.length);
  rows.forEach((r, i) => { x.set(s.features.subarray(r * per, (r + 1) * per), i * per); y[i] = s.labels[r]!; });
  return { x, y };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Trains every float constant of `graph` on the samples; returns a new graph with the trained values. */
export async function trainGraph(graph: Graph, data: Samples, opts: TrainOptions): Promise<TrainResult> {
  const backend = await useBestBackend();
  const rng = seededRng(opts.seed ?? 1);
  const batch = Math.max(1, Math.min(opts.batchSize ?? 32, data.rows));
  checkFloatRun(graph, batch, true, 'training');
  const per = data.features.length / data.rows;
  const stepsPerEpoch = Math.ceil(data.rows / batch);
  const total = stepsPerEpoch * opts.epochs;
  const lossFn = opts.loss ?? defaultLoss(graph, taskOf(graph));
  const params = loadParams(graph, true);
  const vars = [...params.values()] as tf.Variable[];
  const optimizer = tf.train.adam(opts.learningRate ?? 0.001);
  let step = 0;
  let lastLoss = NaN;
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const order = permutation(data.rows, rng);
      let epochLoss = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        if (opts.signal?.aborted) throw cancelled();
        const rows = order.slice(b * batch, (b + 1) * batch);
        const { x, y } = batchOf(data, rows, per);
        const cost = tf.tidy(() => optimizer.minimize(() => {
          const xt = tf.tensor(x, batchShape(graph, 0, rows.length), 'float32');
          const values = forward(graph, params, [xt], { training: true });
          return lossFn(values, tf.tensor1d(y), rows);
        }, true, vars) ?? tf.scalar(0));
        epochLoss += cost.dataSync()[0]!;
        cost.dispose();
        step++;
        opts.afterStep?.(step, total, params);
        if (step % 8 === 0) await yieldToEventLoop();
      }
      lastLoss = epochLoss / stepsPerEpoch;
      opts.onProgress?.({ job: opts.job ?? 'train', stage: 'train', fraction: step / total,
        message: `epoch ${epoch + 1}/${opts.epochs} loss ${lastLoss.toFixed(4)} (${backend})` });
      await yieldToEventLoop();
    }
    if (opts.signal?.aborted) throw cancelled();
    return { graph: graphWithParams(graph, params), backend, steps: step, finalLoss: lastLoss };
  } finally {
    optimizer.dispose();
    disposeParams(params);
  }
}
