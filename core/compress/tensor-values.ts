// Reading and writing the raw little-endian bytes of IR constants as typed arrays (copies, so alignment never bites).
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, type Tensor } from '../model/index.js';

/** The float32 values of a constant tensor; throws a typed error when the tensor holds no float32 data. */
export function readFloats(t: Tensor): Float32Array {
  if (!t.data || t.dtype !== 'float32') {
    throw new TinyDeployError(ErrorCode.ModelUnsupportedType,
      `tensor "${t.name}" is ${t.data ? t.dtype : 'not a constant'}; a float32 constant was expected`,
      { advice: 'Compression starts from a float32 model: open the .keras, .h5, TF.js or float .tflite file.' });
  }
  const n = elementCount(t.shape);
  const bytes = new Uint8Array(n * 4);
  bytes.set(t.data.subarray(0, n * 4));
  return new Float32Array(bytes.buffer);
}

export function floatBytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

export function int8Bytes(values: Int8Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
}

export function int32Bytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Int32Array.from(values).buffer);
}

/** A float32 constant tensor with the given values. */
export function floatConstant(name: string, shape: number[], values: ArrayLike<number>): Tensor {
  return { name, shape: [...shape], dtype: 'float32', data: floatBytes(values) };
}
