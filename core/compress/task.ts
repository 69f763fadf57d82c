// Whether a model classifies or regresses, and its metric: accuracy (a fraction) or RMSE.
import { elementCount, type Graph } from '../model/index.js';

export type Task = 'classification' | 'regression';

/** One output value and no LOGISTIC at the end means regression; anything else is classification. */
export function taskOf(graph: Graph): Task {
  const out = graph.outputs[0]!;
  const producer = graph.ops.find((op) => op.outputs.includes(out));
  return elementCount(graph.tensors[out]!.shape) === 1 && producer?.type !== 'LOGISTIC' ? 'regression' : 'classification';
}

/** Accuracy (argmax against class labels) or RMSE, from row-major predictions of `width` values per row. */
export function metricOf(task: Task, predictions: Float32Array, width: number, labels: Float32Array): number {
  const rows = labels.length;
  if (rows === 0) return NaN;
  if (task === 'regression') {
    let se = 0;
    for (let r = 0; r < rows; r++) { const d = predictions[r * width]! - labels[r]!; se += d * d; }
    return Math.sqrt(se / rows);
  }
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    if (width === 1) best = predictions[r]! >= 0.5 ? 1 : 0;
    else for (let k = 1; k < width; k++) if (predictions[r * width + k]! > predictions[r * width + best]!) best = k;
    if (best === labels[r]) correct++;
  }
  return correct / rows;
}

export function metricName(task: Task): 'accuracy' | 'rmse' {
  return task === 'regression' ? 'rmse' : 'accuracy';
}
