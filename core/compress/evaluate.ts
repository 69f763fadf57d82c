// Model quality on a split: float graphs run batched in tfjs, int8 graphs run in core/runtime (the golden model).
import * as tf from '@tensorflow/tfjs';
import { checkFloatRun, elementCount, type Graph } from '../model/index.js';
import { createInterpreter, type TensorData } from '../runtime/index.js';
import { quantizeValue } from './real-to-int8.js';
import type { Samples } from './samples.js';
import { metricOf, taskOf, type Task } from './task.js';
import { useBestBackend } from './tf-backend.js';
import { batchShape, disposeParams, forwardOutputs, loadParams } from './tf-graph.js';

const BATCH = 256;

export interface Evaluation { task: Task; metric: number; predictions: Float32Array; width: number }

function isFloatGraph(graph: Graph): boolean {
  return graph.tensors[graph.outputs[0]!]!.dtype === 'float32' && graph.ops.every((op) => op.type !== 'QUANTIZE');
}

export function predictFloat(graph: Graph, s: Samples): Float32Array {
  const width = elementCount(graph.tensors[graph.outputs[0]!]!.shape.slice(1));
  const per = s.features.length / s.rows;
  checkFloatRun(graph, Math.min(BATCH, s.rows), false, 'evaluation');
  const out = new Float32Array(s.rows * width);
  const params = loadParams(graph);
  try {
    for (let start = 0; start < s.rows; start += BATCH) {
      const n = Math.min(BATCH, s.rows - start);
      tf.tidy(() => {
        const x = tf.tensor(s.features.subarray(start * per, (start + n) * per), batchShape(graph, 0, n), 'float32');
        out.set(forwardOutputs(graph, params, [x])[0]!.dataSync() as Float32Array, start * width);
      });
    }
  } finally {
    disposeParams(params);
  }
  return out;
}

/** Runs an int8 (or float-I/O quantized) graph row by row in the reference interpreter; returns real values. */
export function predictQuantized(graph: Graph, s: Samples): Float32Array {
  const inT = graph.tensors[graph.inputs[0]!]!;
  const outT = graph.tensors[graph.outputs[0]!]!;
  const width = elementCount(outT.shape.slice(1));
  const per = s.features.length / s.rows;
  const interp = createInterpreter(graph);
  const out = new Float32Array(s.rows * width);
  const inP = { scale: inT.quant?.scale[0] ?? 1, zeroPoint: inT.quant?.zeroPoint[0] ?? 0 };
  const outP = { scale: outT.quant?.scale[0] ?? 1, zeroPoint: outT.quant?.zeroPoint[0] ?? 0 };
  for (let r = 0; r < s.rows; r++) {
    const row = s.features.subarray(r * per, (r + 1) * per);
    const input: TensorData = inT.dtype === 'int8' ? Int8Array.from(row, (v) => quantizeValue(v, inP)) : Float32Array.from(row);
    const y = interp.run([input])[0]!;
    for (let k = 0; k < width; k++) out[r * width + k] = outT.dtype === 'int8' ? (y[k]! - outP.zeroPoint) * outP.scale : y[k]!;
  }
  return out;
}

/** Accuracy or RMSE of `graph` on the samples; float graphs through tfjs, quantized graphs through core/runtime. */
export async function evaluate(graph: Graph, s: Samples): Promise<Evaluation> {
  if (isFloatGraph(graph)) await useBestBackend();
  const task = taskOf(graph);
  const width = elementCount(graph.tensors[graph.outputs[0]!]!.shape.slice(1));
  const predictions = isFloatGraph(graph) ? predictFloat(graph, s) : predictQuantized(graph, s);
  return { task, metric: metricOf(task, predictions, width, s.labels), predictions, width };
}
