// Vector helpers for the flatbuffers Builder (it builds back to front, so elements go in reverse order).
import type { Builder } from 'flatbuffers';

export function int32Vector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]);
  return b.endVector();
}

export function float32Vector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

export function int64Vector(b: Builder, values: readonly number[]): number {
  b.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) b.addInt64(BigInt(values[i]));
  return b.endVector();
}

export function offsetVector(b: Builder, offsets: readonly number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

/** A [ubyte] vector whose first byte sits on a 16-byte boundary (Buffer.data is force_align 16 for TFLM). */
export function alignedByteVector(b: Builder, data: Uint8Array, alignment = 16): number {
  // startVector reserves room for all bytes and aligns their start, so plain writes cannot overflow.
  b.startVector(1, data.length, alignment);
  for (let i = data.length - 1; i >= 0; i--) b.writeInt8(data[i]);
  return b.endVector();
}
