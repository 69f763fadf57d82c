// Typed-array storage for tensors: one array type per dtype, constants decoded once from little-endian bytes.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, type DType, type Tensor } from '../model/index.js';

/** The value of one tensor; the array type matches the tensor's dtype (bool is stored as Uint8Array). */
export type TensorData = Int8Array | Uint8Array | Int16Array | Int32Array | Float32Array;

type TensorDataCtor = Int8ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor
  | Float32ArrayConstructor;

const CTORS: Partial<Record<DType, TensorDataCtor>> = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, int32: Int32Array, float32: Float32Array, bool: Uint8Array,
};

/** The typed-array constructor for a dtype, or undefined when the runtime cannot hold that dtype. */
export function tensorDataCtor(dtype: DType): TensorDataCtor | undefined {
  return CTORS[dtype];
}

export function allocateTensorData(dtype: DType, count: number): TensorData | undefined {
  const ctor = CTORS[dtype];
  return ctor ? new ctor(count) : undefined;
}

/** A copy of a constant tensor's bytes as its typed array (a copy, so unaligned buffers are fine). */
export function decodeConstant(t: Tensor): TensorData | undefined {
  const ctor = CTORS[t.dtype];
  if (!ctor || !t.data) return undefined;
  const n = elementCount(t.shape);
  const need = n * ctor.BYTES_PER_ELEMENT;
  if (t.data.byteLength < need) {
    throw new TinyDeployError(ErrorCode.ModelMalformed,
      `constant tensor "${t.name}" holds ${t.data.byteLength} bytes but its shape [${t.shape.join(', ')}] needs ${need}`,
      { advice: 'The model file is damaged; export it again.' });
  }
  const bytes = new Uint8Array(need);
  bytes.set(t.data.subarray(0, need));
  return new ctor(bytes.buffer, 0, n);
}

/** True when `data` is the array type the dtype uses. */
export function matchesDType(data: unknown, dtype: DType): data is TensorData {
  const ctor = CTORS[dtype];
  return ctor !== undefined && data instanceof ctor;
}

/** A short name of a value's array type, for error messages. */
export function describeData(data: unknown): string {
  if (data === null || typeof data !== 'object') return typeof data;
  return (data as object).constructor?.name ?? 'object';
}
