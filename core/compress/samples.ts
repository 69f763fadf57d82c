// The rows compress works on: any dataset with row-major features and one label per row (formats' Dataset fits).
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, type Graph } from '../model/index.js';

export interface Samples { features: Float32Array; labels: Float32Array; rows: number }

/** Checks that each row holds exactly what model input 0 takes. */
export function checkSamples(graph: Graph, s: Samples, what: string): void {
  const need = elementCount(graph.tensors[graph.inputs[0]!]!.shape.slice(1));
  const have = s.rows > 0 ? s.features.length / s.rows : 0;
  if (s.rows < 1 || have !== need) {
    throw new TinyDeployError(ErrorCode.ModelShapeMismatch,
      `the ${what} rows have ${have} features each but the model input takes ${need}`,
      { advice: 'Use the dataset the model was trained on (same feature columns, label column named "label").' });
  }
}

export function rowsOf(s: Samples, start: number, end: number): Samples {
  const per = s.features.length / Math.max(1, s.rows);
  return { features: s.features.subarray(start * per, end * per), labels: s.labels.subarray(start, end), rows: end - start };
}
