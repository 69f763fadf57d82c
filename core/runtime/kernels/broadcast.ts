// NumPy-style broadcasting of two inputs to the output shape (what TFLM's BroadcastBinaryFunction6DSlow computes).
import { stridesOf } from './common.js';

/** For each output element, the flat index into an input of `inShape`; undefined when no broadcast is needed. */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array | undefined {
  const total = outShape.reduce((a, b) => a * b, 1);
  const inTotal = inShape.reduce((a, b) => a * b, 1);
  if (inTotal === total && sameTail(inShape, outShape)) return undefined;
  const rank = outShape.length;
  const padded = new Array<number>(rank - inShape.length).fill(1).concat(inShape);
  const inStrides = stridesOf(padded).map((s, d) => (padded[d] === 1 ? 0 : s));
  const map = new Int32Array(total);
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  for (let o = 0; o < total; o++) {
    map[o] = off;
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      off += inStrides[d]!;
      if (idx[d]! < outShape[d]!) break;
      off -= inStrides[d]! * idx[d]!;
      idx[d] = 0;
    }
  }
  return map;
}

/** True when the input and output shapes are broadcast-compatible (each input dim is 1 or equal). */
export function broadcastable(inShape: readonly number[], outShape: readonly number[]): boolean {
  if (inShape.length > outShape.length) return false;
  const off = outShape.length - inShape.length;
  return inShape.every((d, i) => d === 1 || d === outShape[i + off]);
}

function sameTail(a: readonly number[], b: readonly number[]): boolean {
  const off = b.length - a.length;
  if (off < 0) return false;
  return a.every((d, i) => d === b[i + off]);
}
