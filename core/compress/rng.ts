// A small seeded PRNG (mulberry32) so shuffles and initial weights are reproducible run to run.

import { mulberry32, type Rng } from '../model/index.js';

export type { Rng };

/** Seed 0 is replaced by a fixed odd constant, so "no seed given" still reproduces. */
export function seededRng(seed: number): Rng {
  return mulberry32((seed >>> 0) || 0x9e3779b9);
}

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** Glorot-uniform values: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(count: number, fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / Math.max(1, fanIn + fanOut));
  return Float32Array.from({ length: count }, () => (rng() * 2 - 1) * limit);
}
