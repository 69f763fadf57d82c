// The vectors a validation sends: dataset rows quantized with the model's input scale and zero point (with their
// class labels), or seeded random int8 vectors when there is no dataset.
import { rowFeatures, type Dataset } from '../formats/index.js';
import { elementCount, tensorParams, type Graph } from '../model/index.js';
import { randomInputs } from '../device/validate.js';

export interface ValidationInputs {
  readonly inputs: Int8Array[];
  /** Class index per input, for classifiers with a labelled dataset. */
  readonly labels?: number[];
  readonly from: 'dataset' | 'random';
}

export function validationInputs(graph: Graph, n: number, dataset?: Dataset, seed = 1): ValidationInputs {
  if (!dataset) return { inputs: randomInputs(graph, n, seed), from: 'random' };
  const input = graph.tensors[graph.inputs[0]!]!;
  const { scale, zeroPoint } = tensorParams(input.quant, 'graph input 0');
  const size = elementCount(input.shape);
  const rows = Math.min(n, dataset.rows);
  const inputs: Int8Array[] = [];
  for (let r = 0; r < rows; r++) {
    const x = rowFeatures(dataset, r);
    inputs.push(Int8Array.from({ length: size }, (_, i) => Math.max(-128, Math.min(127, Math.round(x[i]! / scale) + zeroPoint))));
  }
  const classes = elementCount(graph.tensors[graph.outputs[0]!]!.shape);
  const labelled = classes > 1 && Array.from(dataset.labels.subarray(0, rows)).every((l) => Number.isInteger(l) && l >= 0 && l < classes);
  return { inputs, ...(labelled ? { labels: Array.from(dataset.labels.subarray(0, rows)) } : {}), from: 'dataset' };
}
