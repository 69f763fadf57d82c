// The demo vectors the serial source streams: the caller's, or an even sweep of the int8 range.
import { invalid } from './options.js';

/** Flash the default sweep may take: a few KiB, so even the Uno keeps room for the model. */
const DEFAULT_DEMO_BYTES = 2048;

/** count vectors, vector k filled with one value stepping evenly from -128 to 127 (a sine model draws its curve). */
export function sweepVectors(inputSize: number): Int8Array[] {
  const count = Math.max(1, Math.min(16, Math.floor(DEFAULT_DEMO_BYTES / inputSize)));
  return Array.from({ length: count }, (_, k) => new Int8Array(inputSize).fill(count === 1 ? 0 : Math.round(-128 + (k * 255) / (count - 1))));
}

export function checkDemoVectors(vectors: readonly ArrayLike<number>[] | undefined, inputSize: number): ArrayLike<number>[] {
  if (vectors === undefined) return sweepVectors(inputSize);
  if (vectors.length === 0 || vectors.length > 65535) {
    throw invalid(`${vectors.length} demo vectors`, 'Give 1 to 65535 demo vectors, or none for the default sweep.');
  }
  vectors.forEach((v, i) => {
    if (v.length !== inputSize) {
      throw invalid(`demo vector ${i} has ${v.length} values, the model's input has ${inputSize}`, `Give every demo vector exactly ${inputSize} int8 values.`);
    }
    for (let j = 0; j < v.length; j++) {
      const x = v[j]!;
      if (!Number.isInteger(x) || x < -128 || x > 127) {
        throw invalid(`demo vector ${i} value ${j} is ${x}, not an int8`, 'Quantize demo vectors with the model\'s input scale and zero point (-128 … 127).');
      }
    }
  });
  return [...vectors];
}
