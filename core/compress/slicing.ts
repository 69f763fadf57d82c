// Keeping a subset of indices along one axis of a row-major float array (how pruning removes channels).

export function sliceAxis(values: Float32Array, shape: readonly number[], axis: number, keep: readonly number[]): { values: Float32Array; shape: number[] } {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const dim = shape[axis]!;
  const out = new Float32Array(outer * keep.length * inner);
  let o = 0;
  for (let a = 0; a < outer; a++) {
    for (const k of keep) {
      const base = (a * dim + k) * inner;
      out.set(values.subarray(base, base + inner), o);
      o += inner;
    }
  }
  const newShape = [...shape];
  newShape[axis] = keep.length;
  return { values: out, shape: newShape };
}

/** Column indices of a flattened [spatial × channels] (channel-last) input that keep channels `keep`. */
export function flatColumns(spatial: number, channels: number, keep: readonly number[]): number[] {
  const cols: number[] = [];
  for (let s = 0; s < spatial; s++) for (const k of keep) cols.push(s * channels + k);
  return cols;
}
