// Reproducible train/validation/test splits: a seeded shuffle, so the same seed always gives the same rows.
import { ErrorCode, TinyDeployError } from '../../api/index.js';
import { selectRows, type Dataset } from './dataset.js';
import { mulberry32 as seededRandom } from '../../model/index.js';

export interface SplitOptions {
  /** Fractions of the rows; they must add up to 1. */
  train: number;
  val: number;
  test: number;
  seed: number;
  /** Keep each class's share the same in every part (classification labels only). */
  stratify?: boolean;
}

export interface DatasetSplit {
  train: Dataset;
  val: Dataset;
  test: Dataset;
  /** The original row numbers of each part, so a split can be recorded and replayed. */
  indices: { train: number[]; val: number[]; test: number[] };
}

export { seededRandom };

export function shuffled(items: readonly number[], random: () => number): number[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j] ?? 0, a[i] ?? 0];
  }
  return a;
}

function partSizes(n: number, o: SplitOptions): [number, number, number] {
  const test = Math.round(n * o.test);
  const val = Math.round(n * o.val);
  return [n - val - test, val, test];
}

export function splitDataset(ds: Dataset, options: SplitOptions): DatasetSplit {
  const { train, val, test, seed } = options;
  if ([train, val, test].some((f) => !(f >= 0 && f <= 1)) || Math.abs(train + val + test - 1) > 1e-6) {
    throw new TinyDeployError(ErrorCode.InvalidArgument,
      `Split fractions train ${train}, val ${val}, test ${test} must each be in [0, 1] and add up to 1.`,
      { advice: 'Use for example {train: 0.7, val: 0.15, test: 0.15}.' });
  }
  if (!Number.isInteger(seed)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `The split seed must be an integer, not ${seed}.`);
  }
  const random = seededRandom(seed);
  const all = Array.from({ length: ds.rows }, (_, i) => i);
  const parts: [number[], number[], number[]] = [[], [], []];
  const groups = options.stratify ? groupByLabel(ds) : [all];
  for (const group of groups) {
    const order = shuffled(group, random);
    const [nTrain, nVal] = partSizes(order.length, options);
    parts[0].push(...order.slice(0, nTrain));
    parts[1].push(...order.slice(nTrain, nTrain + nVal));
    parts[2].push(...order.slice(nTrain + nVal));
  }
  // Stratified parts were filled class by class; mix them so batches see every class.
  const indices = options.stratify
    ? { train: shuffled(parts[0], random), val: shuffled(parts[1], random), test: shuffled(parts[2], random) }
    : { train: parts[0], val: parts[1], test: parts[2] };
  return {
    train: selectRows(ds, indices.train),
    val: selectRows(ds, indices.val),
    test: selectRows(ds, indices.test),
    indices,
  };
}

function groupByLabel(ds: Dataset): number[][] {
  const byLabel = new Map<number, number[]>();
  for (let r = 0; r < ds.rows; r++) {
    const label = ds.labels[r] ?? 0;
    if (!Number.isInteger(label)) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `Stratified splitting needs class labels, but row ${r} has label ${label}.`,
        { advice: 'Stratify only classification datasets; split regression data without stratify.' });
    }
    const list = byLabel.get(label) ?? [];
    list.push(r);
    byLabel.set(label, list);
  }
  return [...byLabel.keys()].sort((a, b) => a - b).map((k) => byLabel.get(k) ?? []);
}
