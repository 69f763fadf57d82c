// Datasets from NumPy arrays: x holds the rows (any per-row shape), y one label per row (or one-hot rows).
import { datasetError, type Dataset } from './dataset.js';
import type { NpyArray } from './npy.js';

const FEATURE_KEYS = ['x', 'X', 'features', 'inputs', 'data'];
const LABEL_KEYS = ['y', 'Y', 'labels', 'label', 'targets', 'target'];

export function datasetFromArrays(x: NpyArray, y: NpyArray): Dataset {
  const rows = x.shape[0];
  if (rows === undefined) throw datasetError('The feature array is a scalar; it needs one row per sample.', 'Save features with shape (samples, ...).');
  if (y.shape[0] !== rows) {
    throw datasetError(`The feature array has ${rows} rows but the label array has ${y.shape[0] ?? 'no'} rows.`,
      'Save one label per sample: x with shape (n, ...) and y with shape (n,).');
  }
  const labels = new Float32Array(rows);
  const width = y.shape.slice(1).reduce((a, b) => a * b, 1);
  if (y.shape.length === 1 || width === 1) {
    for (let r = 0; r < rows; r++) labels[r] = y.values[r] ?? 0;
  } else if (y.shape.length === 2) {
    for (let r = 0; r < rows; r++) { // one-hot rows → class index
      let best = 0;
      for (let k = 1; k < width; k++) if ((y.values[r * width + k] ?? 0) > (y.values[r * width + best] ?? 0)) best = k;
      labels[r] = best;
    }
  } else {
    throw datasetError(`The label array has shape (${y.shape.join(', ')}); labels need shape (n,) or one-hot (n, classes).`,
      'Save one label per sample.');
  }
  return { features: Float32Array.from(x.values), labels, rows, featureShape: x.shape.slice(1) };
}

/** Picks the feature and label arrays of an .npz by their usual names (x/y, features/labels, …). */
export function datasetFromNpz(arrays: Record<string, NpyArray>, name = 'the .npz file'): Dataset {
  const xKey = FEATURE_KEYS.find((k) => k in arrays);
  const yKey = LABEL_KEYS.find((k) => k in arrays);
  if (xKey === undefined || yKey === undefined) {
    throw datasetError(`${name} holds arrays ${Object.keys(arrays).join(', ')}; a features array (x) and a labels array (y) are needed.`,
      'Save with numpy.savez(file, x=features, y=labels).');
  }
  const x = arrays[xKey];
  const y = arrays[yKey];
  if (!x || !y) throw datasetError(`${name}: arrays missing.`, 'Save with numpy.savez(file, x=features, y=labels).');
  return datasetFromArrays(x, y);
}
