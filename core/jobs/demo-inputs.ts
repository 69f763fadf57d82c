// The vectors a deployed board streams on its own (kept in flash): for a one-input model an ordered sweep over the
// input's real range, so the Monitor's plot traces the learned curve; else dataset rows, else seeded random.
import { splitDataset, type Dataset } from '../formats/index.js';
import { elementCount, tensorParams, type Graph } from '../model/index.js';
import { randomInputs } from '../device/validate.js';
import { validationInputs } from './validation-inputs.js';

/** Points of a one-input sweep: enough for a smooth curve, 64 bytes of flash. */
export const SWEEP_POINTS = 64;
/** Flash the demo vectors of a larger input may take (the Uno has 32 KiB for everything). */
const DEMO_FLASH_BYTES = 2048;
const MAX_DEMO_VECTORS = 8;

export interface DemoInputs {
  readonly inputs: Int8Array[];
  /** The real input value of each vector, for a one-input sweep (increasing). */
  readonly sweep?: number[];
  readonly from: 'sweep-dataset' | 'sweep-int8' | 'dataset' | 'random';
}

function clampInt8(x: number): number {
  return Math.max(-128, Math.min(127, Math.round(x)));
}

/** Evenly spaced int8 codes from `lo` to `hi`, duplicates dropped, in increasing order of real value. */
function sweepCodes(lo: number, hi: number, points: number): number[] {
  const codes: number[] = [];
  for (let k = 0; k < points; k++) {
    const q = clampInt8(lo + ((hi - lo) * k) / Math.max(1, points - 1));
    if (codes[codes.length - 1] !== q) codes.push(q);
  }
  return codes;
}

export function demoInputs(graph: Graph, dataset?: Dataset, seed = 1): DemoInputs {
  const input = graph.tensors[graph.inputs[0]!]!;
  const size = elementCount(input.shape);
  if (size === 1) {
    const { scale, zeroPoint } = tensorParams(input.quant, 'graph input 0');
    // The dataset's range quantized (a model is calibrated on it), or the whole int8 range when none is given.
    let lo = -128;
    let hi = 127;
    let from: DemoInputs['from'] = 'sweep-int8';
    if (dataset && dataset.rows > 0) {
      let min = Infinity;
      let max = -Infinity;
      for (const x of dataset.features) {
        if (Number.isFinite(x)) { min = Math.min(min, x); max = Math.max(max, x); }
      }
      if (min < max) {
        lo = clampInt8(min / scale + zeroPoint);
        hi = clampInt8(max / scale + zeroPoint);
        from = 'sweep-dataset';
      }
    }
    // A negative scale would reverse the order; the board then still sweeps from the smallest real value up.
    const codes = scale > 0 ? sweepCodes(lo, hi, SWEEP_POINTS) : sweepCodes(hi, lo, SWEEP_POINTS);
    return { inputs: codes.map((q) => Int8Array.of(q)), sweep: codes.map((q) => (q - zeroPoint) * scale), from };
  }
  const count = Math.max(1, Math.min(MAX_DEMO_VECTORS, Math.floor(DEMO_FLASH_BYTES / size)));
  if (dataset && dataset.rows > 0) {
    // The validation split's first rows: data the model did not train on, as compress splits it.
    const val = dataset.rows >= 20 ? splitDataset(dataset, { train: 0.7, val: 0.15, test: 0.15, seed }).val : dataset;
    const v = validationInputs(graph, count, val.rows > 0 ? val : dataset, seed);
    return { inputs: v.inputs, from: 'dataset' };
  }
  return { inputs: randomInputs(graph, count, seed), from: 'random' };
}
