// Decoding the little-endian bytes of constant int tensors (RESHAPE's shape, MEAN's axes, PAD's paddings).
import type { Tensor } from './ir.js';

/** The values of a constant int32/int64 tensor, or null when it has no data or another dtype. */
export function constInts(t: Tensor | undefined): number[] | null {
  if (!t?.data) return null;
  const dv = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (t.dtype === 'int32') return Array.from({ length: t.data.byteLength >> 2 }, (_, i) => dv.getInt32(4 * i, true));
  if (t.dtype === 'int64') return Array.from({ length: t.data.byteLength >> 3 }, (_, i) => Number(dv.getBigInt64(8 * i, true)));
  return null;
}
