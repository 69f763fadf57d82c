// The model's name in the hello line: FNV-1a 32 of the int8 .tflite bytes (the same figure core/formats writes;
// core/sketch may not import formats, so it takes the bytes or the finished hash).
import { ErrorCode, TinyDeployError } from '../api/index.js';

export function fnv1a32Hex(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The 8-hex-digit hash from either input; the two must agree when both are given. */
export function modelHash(tflite: Uint8Array | undefined, hash: string | undefined): string {
  const fromBytes = tflite ? fnv1a32Hex(tflite) : undefined;
  if (hash !== undefined && !/^[0-9a-f]{8}$/i.test(hash)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `model hash "${hash}" is not 8 hex digits`, {
      advice: 'Pass the FNV-1a 32 hash of the int8 .tflite as 8 hex digits, or pass the .tflite bytes instead.',
    });
  }
  if (fromBytes && hash && fromBytes !== hash.toLowerCase()) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `model hash ${hash} does not match the .tflite bytes (${fromBytes})`, {
      advice: 'Pass the bytes of the same .tflite the hash was computed from, or only one of the two.',
    });
  }
  const result = fromBytes ?? hash?.toLowerCase();
  if (!result) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, 'the sketch needs the model\'s .tflite bytes or its hash', {
      advice: 'Pass tflite (the int8 .tflite bytes) or hash (its FNV-1a 32 as 8 hex digits).',
    });
  }
  return result;
}
