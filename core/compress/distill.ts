// Knowledge distillation: a smaller student (the teacher's architecture at a width multiplier, or a model the user
// gives) learns from the teacher's softened outputs (temperature T) mixed with the true labels (weight alpha).
import * as tf from '@tensorflow/tfjs';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, type Graph } from '../model/index.js';
import { prunableGroups, type ChannelGroup } from './channel-groups.js';
import { l1Importance, removeChannels, topChannels } from './prune-structured.js';
import { glorotUniform, seededRng } from './rng.js';
import type { Samples } from './samples.js';
import { taskOf } from './task.js';
import { useBestBackend } from './tf-backend.js';
import { batchShape, disposeParams, forward, loadParams } from './tf-graph.js';
import { floatBytes } from './tensor-values.js';
import { logitsTensor, trainGraph, type TrainOptions } from './train.js';

/**
 * The teacher's architecture with every prunable layer's width × `multiplier`. 'random' initialises it afresh
 * from `seed`; 'teacher' starts from the teacher's strongest channels (largest L1 norm), which distils faster.
 */
export function widthStudent(teacher: Graph, multiplier: number, seed = 1, init: 'random' | 'teacher' = 'random'): Graph {
  if (!(multiplier > 0 && multiplier < 1)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `width multiplier ${multiplier} is not in (0, 1)`, {
      advice: 'Give the student width as a fraction of the teacher, e.g. width:0.5.' });
  }
  const keep = new Map<ChannelGroup, number[]>();
  for (const g of prunableGroups(teacher)) {
    const n = Math.max(1, Math.round(g.channels * multiplier));
    keep.set(g, init === 'teacher' ? topChannels(l1Importance(teacher, g), n) : Array.from({ length: n }, (_, i) => i));
  }
  const shrunk = removeChannels(teacher, keep);
  if (init === 'teacher') return { ...shrunk, name: `${teacher.name}_student` };
  const rng = seededRng(seed);
  const tensors = [...shrunk.tensors];
  for (const op of shrunk.ops) {
    if (op.type !== 'FULLY_CONNECTED' && op.type !== 'CONV_2D' && op.type !== 'DEPTHWISE_CONV_2D') continue;
    const [, w, b] = op.inputs;
    const shape = tensors[w!]!.shape;
    const n = elementCount(shape);
    const receptive = op.type === 'FULLY_CONNECTED' ? 1 : shape[1]! * shape[2]!;
    const [fanIn, fanOut] = op.type === 'FULLY_CONNECTED' ? [shape[1]!, shape[0]!]
      : op.type === 'CONV_2D' ? [receptive * shape[3]!, receptive * shape[0]!] : [receptive, receptive];
    tensors[w!] = { ...tensors[w!]!, data: floatBytes(glorotUniform(n, fanIn, fanOut, rng)) };
    if (b !== undefined && b >= 0) tensors[b] = { ...tensors[b]!, data: floatBytes(new Float32Array(elementCount(tensors[b]!.shape))) };
  }
  return { ...shrunk, name: `${teacher.name}_student`, tensors };
}

export interface DistillOptions extends Partial<Omit<TrainOptions, 'loss' | 'afterStep'>> {
  train: Samples;
  /** Width multiplier for a derived student (ignored when `student` is given). */
  width?: number;
  /** How a derived student starts: from the teacher's strongest channels (default) or from random weights. */
  init?: 'teacher' | 'random';
  student?: Graph;
  /** Softening temperature (default 4). */
  temperature?: number;
  /** Weight of the hard-label loss; 1 − alpha weighs the teacher's soft targets (default 0.3). */
  alpha?: number;
}

export interface DistillResult { graph: Graph; backend: string; temperature: number; alpha: number }

/** The teacher's logits (or outputs, for regression) for every training row, computed once. */
function teacherTargets(teacher: Graph, s: Samples): { values: Float32Array; width: number } {
  const params = loadParams(teacher);
  const idx = logitsTensor(teacher) ?? teacher.outputs[0]!;
  const width = elementCount(teacher.tensors[idx]!.shape.slice(1));
  const per = s.features.length / s.rows;
  const out = new Float32Array(s.rows * width);
  try {
    for (let start = 0; start < s.rows; start += 256) {
      const n = Math.min(256, s.rows - start);
      tf.tidy(() => {
        const x = tf.tensor(s.features.subarray(start * per, (start + n) * per), batchShape(teacher, 0, n), 'float32');
        out.set(forward(teacher, params, [x]).get(idx)!.dataSync() as Float32Array, start * width);
      });
    }
  } finally {
    disposeParams(params);
  }
  return { values: out, width };
}

export async function distill(teacher: Graph, opts: DistillOptions): Promise<DistillResult> {
  await useBestBackend();
  const student = opts.student ?? widthStudent(teacher, opts.width ?? 0.5, opts.seed ?? 1, opts.init ?? 'teacher');
  const task = taskOf(teacher);
  const T = opts.temperature ?? 4;
  const alpha = opts.alpha ?? 0.3;
  const targets = teacherTargets(teacher, opts.train);
  const studentLogits = logitsTensor(student);
  const studentOut = student.outputs[0]!;
  if (task === 'classification' && studentLogits === undefined) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, 'the student model does not end in SOFTMAX, so it has no logits to distill into', {
      advice: 'Give a student whose last layer is a Dense followed by Softmax.' });
  }
  const trained = await trainGraph(student, opts.train, {
    ...opts, epochs: opts.epochs ?? 20, job: opts.job ?? 'distill',
    loss: (values, labels, rows) => {
      const teach = new Float32Array(rows.length * targets.width);
      rows.forEach((r, i) => teach.set(targets.values.subarray(r * targets.width, (r + 1) * targets.width), i * targets.width));
      const zt = tf.tensor2d(teach, [rows.length, targets.width]);
      if (task === 'regression') {
        const y = tf.reshape(values.get(studentOut)!, [-1]);
        const hard = tf.losses.meanSquaredError(tf.reshape(labels, [-1]), y);
        const soft = tf.losses.meanSquaredError(tf.reshape(zt, [-1]), y);
        return tf.add(tf.mul(alpha, hard), tf.mul(1 - alpha, soft)) as tf.Scalar;
      }
      const zs = tf.reshape(values.get(studentLogits!)!, [-1, targets.width]);
      const hard = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.cast(labels, 'int32'), targets.width), zs);
      const pt = tf.softmax(tf.div(zt, T));
      const kl = tf.mean(tf.sum(tf.mul(pt, tf.sub(tf.logSoftmax(tf.div(zt, T)), tf.logSoftmax(tf.div(zs, T)))), 1));
      return tf.add(tf.mul(alpha, hard), tf.mul((1 - alpha) * T * T, kl)) as tf.Scalar;
    },
  });
  return { graph: trained.graph, backend: trained.backend, temperature: T, alpha };
}
