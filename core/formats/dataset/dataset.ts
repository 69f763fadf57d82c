// The in-memory dataset every loader returns and every trainer/evaluator reads: rows of features plus a label each.
import { ErrorCode, TinyDeployError } from '../../api/index.js';

export interface Dataset {
  /** Row-major features: rows × elementCount(featureShape) values. */
  features: Float32Array;
  /** One numeric label per row: a class index for classification, the target value for regression. */
  labels: Float32Array;
  rows: number;
  /** The shape of one row's features (e.g. [64], or [8, 8, 1] once reshaped for a CNN). */
  featureShape: number[];
  featureNames?: string[];
  labelName?: string;
  /** When the labels were text, the class names in index order (label k = classNames[k]). */
  classNames?: string[];
}

export function rowSize(ds: Dataset): number {
  return ds.featureShape.reduce((a, b) => a * b, 1);
}

/** The features of one row as a view (no copy). */
export function rowFeatures(ds: Dataset, row: number): Float32Array {
  const n = rowSize(ds);
  return ds.features.subarray(row * n, (row + 1) * n);
}

/** A new dataset holding the given rows, in the given order. */
export function selectRows(ds: Dataset, indices: readonly number[]): Dataset {
  const n = rowSize(ds);
  const features = new Float32Array(indices.length * n);
  const labels = new Float32Array(indices.length);
  indices.forEach((r, i) => {
    if (!Number.isInteger(r) || r < 0 || r >= ds.rows) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `Row ${r} is outside the dataset (0..${ds.rows - 1}).`);
    }
    features.set(ds.features.subarray(r * n, (r + 1) * n), i * n);
    labels[i] = ds.labels[r] ?? 0;
  });
  return { ...ds, features, labels, rows: indices.length };
}

/** Rows [start, end) — how a fixture's recorded split (anchor.json) is applied. */
export function sliceRows(ds: Dataset, start: number, end: number): Dataset {
  const idx: number[] = [];
  for (let r = start; r < end; r++) idx.push(r);
  return selectRows(ds, idx);
}

/** The same rows seen with another per-row shape of the same size (a flat 64 → [8, 8, 1] for a CNN). */
export function reshapeFeatures(ds: Dataset, featureShape: readonly number[]): Dataset {
  const size = featureShape.reduce((a, b) => a * b, 1);
  if (size !== rowSize(ds)) {
    throw new TinyDeployError(ErrorCode.ModelShapeMismatch,
      `Cannot view rows of ${rowSize(ds)} features as shape [${featureShape.join(', ')}] (${size} values).`,
      { advice: 'Check that the dataset has the columns the model expects as input.' });
  }
  return { ...ds, featureShape: [...featureShape] };
}

/** The number of classes, for a classification dataset (largest label + 1). */
export function classCount(ds: Dataset): number {
  if (ds.classNames) return ds.classNames.length;
  let max = -1;
  for (const v of ds.labels) if (v > max) max = v;
  return Math.floor(max) + 1;
}

export function datasetError(message: string, advice: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.DatasetMalformed, message, { advice });
}
