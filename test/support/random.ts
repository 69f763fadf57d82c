// Tests draw random inputs from the project's one seeded PRNG, so they reproduce exactly from their seed.
import { mulberry32 } from '../../core/model/index.js';

export { mulberry32 };

export function randomInt8(rand: () => number, n: number): Int8Array {
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256) - 128;
  return out;
}
