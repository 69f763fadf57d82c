// The model hash a board announces in its hello: FNV-1a 32 of the int8 .tflite bytes, as 8 lower-case hex digits.
export function modelHash(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
