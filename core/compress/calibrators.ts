// Activation range calibrators over a histogram of calibration values: min/max, percentile, and MSE-optimal.
import { activationParams, fakeQuant, type Range } from './real-to-int8.js';

export type CalibratorName = 'minmax' | 'percentile' | 'mse';
export const CALIBRATORS: readonly CalibratorName[] = ['minmax', 'percentile', 'mse'];

const BINS = 2048;

/** What the calibration run saw of one tensor: its extremes and a histogram between them. */
export interface TensorHistogram { min: number; max: number; counts: Float64Array; total: number }

/** Values binned per tensor at most; a strided sample keeps calibration fast (min and max stay exact). */
const MAX_BINNED = 1 << 17;

export function histogramOf(values: Float32Array): TensorHistogram {
  let min = Infinity;
  let max = -Infinity;
  const n = values.length;
  for (let i = 0; i < n; i++) { const v = values[i]!; if (v < min) min = v; if (v > max) max = v; }
  if (n === 0) { min = 0; max = 0; }
  const counts = new Float64Array(BINS);
  const width = (max - min) / BINS;
  const step = Math.max(1, Math.ceil(n / MAX_BINNED));
  let total = 0;
  for (let i = 0; i < n; i += step) {
    const b = width > 0 ? Math.min(BINS - 1, Math.floor((values[i]! - min) / width)) : 0;
    counts[b]! += 1;
    total++;
  }
  return { min, max, counts, total };
}

function binCenter(h: TensorHistogram, b: number): number {
  return h.min + ((b + 0.5) * (h.max - h.min)) / BINS;
}

/** The value below which `fraction` of the samples lie (linear within a bin). */
function quantile(h: TensorHistogram, fraction: number): number {
  const target = fraction * h.total;
  let acc = 0;
  const width = (h.max - h.min) / BINS;
  for (let b = 0; b < BINS; b++) {
    const c = h.counts[b]!;
    if (acc + c >= target) return h.min + (b + (c > 0 ? (target - acc) / c : 0)) * width;
    acc += c;
  }
  return h.max;
}

/** Expected squared error of quantizing the histogram's values with the params of `range`. */
export function quantizationError(h: TensorHistogram, range: Range): number {
  const p = activationParams(range);
  let err = 0;
  for (let b = 0; b < BINS; b++) {
    const c = h.counts[b]!;
    if (c === 0) continue;
    const v = binCenter(h, b);
    const d = fakeQuant(v, p) - v;
    err += c * d * d;
  }
  return err / Math.max(1, h.total);
}

const PERCENTILE = 0.9999;

function percentileRange(h: TensorHistogram): Range {
  const lo = h.min < 0 ? Math.min(0, quantile(h, 1 - PERCENTILE)) : h.min;
  const hi = h.max > 0 ? Math.max(0, quantile(h, PERCENTILE)) : h.max;
  return { min: lo, max: hi };
}

/** Shrinks each end of the range over a grid and keeps the pair with the least quantization error. */
function mseRange(h: TensorHistogram): Range {
  const fractions: number[] = [];
  for (let f = 1; f >= 0.299; f -= 0.02) fractions.push(f);
  const los = h.min < 0 ? fractions.map((f) => h.min * f) : [h.min];
  const his = h.max > 0 ? fractions.map((f) => h.max * f) : [h.max];
  let best: Range = { min: h.min, max: h.max };
  let bestErr = quantizationError(h, best);
  for (const lo of los) {
    for (const hi of his) {
      const e = quantizationError(h, { min: lo, max: hi });
      if (e < bestErr) { bestErr = e; best = { min: lo, max: hi }; }
    }
  }
  return best;
}

export function calibratedRange(h: TensorHistogram, calibrator: CalibratorName): Range {
  switch (calibrator) {
    case 'minmax': return { min: h.min, max: h.max };
    case 'percentile': return percentileRange(h);
    case 'mse': return mseRange(h);
  }
}
