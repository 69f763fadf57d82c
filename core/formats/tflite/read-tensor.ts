// Reads one Tensor table (shape, type, quantization, constant data) into the IR, checking every size it claims.
import { DTYPE_BYTES, type DType, type Quantization, type Tensor } from '../../model/index.js';
import { malformed, unsupportedContent } from './errors.js';
import type { Table } from './flat-view.js';
import { BufferField, QuantField, TENSOR_TYPES, TENSOR_TYPE_NAMES, TensorField } from './schema.js';

/** Larger tensors than this cannot exist on a microcontroller; a shape beyond it is a corrupted file. */
const MAX_ELEMENTS = 2 ** 31;

/** The bytes a tensor of this shape and type needs (int4 packs two per byte), or null when not fixed (string). */
export function expectedDataBytes(shape: readonly number[], dtype: DType): number | null {
  if (dtype === 'string') return null;
  let n = 1;
  for (const d of shape) n *= d;
  return Math.ceil(n * DTYPE_BYTES[dtype]);
}

/** Resolves a Buffer table to its bytes: inline data, or the offset/size form used by files over 2 GB. */
export function bufferBytes(buffer: Table, index: number): Uint8Array | undefined {
  const data = buffer.bytes(BufferField.data, 'data');
  if (data && data.length > 0) return data;
  const offset = buffer.uint64(BufferField.offset, 'offset');
  const size = buffer.uint64(BufferField.size, 'size');
  if (offset > 1) {
    buffer.view.need(offset, size, `buffers[${index}] external data`);
    buffer.view.charge(size, `buffers[${index}]`);
    return buffer.view.bytes.subarray(offset, offset + size);
  }
  return undefined;
}

function readDType(t: Table, where: string): DType {
  const code = t.int8(TensorField.type, 0, 'type');
  const name = TENSOR_TYPE_NAMES[code];
  if (name === undefined) throw malformed(`${where} has tensor type ${code}, which the schema does not define`);
  const dtype = TENSOR_TYPES[code];
  if (dtype === null || dtype === undefined) {
    throw unsupportedContent(`${where} has type ${name}, which TinyDeploy does not support.`,
      'Convert the model with int8, uint8, int16, int32 or float32 tensors.');
  }
  return dtype;
}

function readShape(t: Table, where: string): number[] {
  const shape = t.int32s(TensorField.shape, 'shape') ?? [];
  let n = 1;
  for (const d of shape) {
    if (d < 0) throw malformed(`${where} has a negative dimension in shape [${shape.join(', ')}]`);
    n *= d;
  }
  if (n > MAX_ELEMENTS) throw malformed(`${where} has an absurd shape [${shape.join(', ')}] (${n} elements)`);
  return shape;
}

function readQuant(q: Table | null, shape: number[], where: string): Quantization | undefined {
  if (!q) return undefined;
  if (q.uint8(QuantField.detailsType, 0, 'details_type') !== 0) {
    throw unsupportedContent(`${where} uses custom quantization details.`, 'Use affine (scale, zero point) quantization.');
  }
  const scale = q.float32s(QuantField.scale, 'scale') ?? [];
  if (scale.length === 0) return undefined;
  const zeroPoint = q.int64s(QuantField.zeroPoint, 'zero_point') ?? [];
  const axis = q.int32(QuantField.quantizedDimension, 0, 'quantized_dimension');
  if (zeroPoint.length !== scale.length) {
    throw malformed(`${where} has ${scale.length} quantization scales but ${zeroPoint.length} zero points`);
  }
  // The converter writes depthwise biases ([C]) with quantized_dimension 3: a 1-D tensor's one axis also counts.
  const channels = axis >= 0 && axis < shape.length ? shape[axis] : shape.length === 1 ? shape[0] : -1;
  if (axis < 0 || (scale.length > 1 && channels !== scale.length)) {
    throw malformed(`${where} has ${scale.length} per-axis scales on dimension ${axis} of shape [${shape.join(', ')}]`);
  }
  const quant: Quantization = { scale, zeroPoint, axis };
  const min = q.float32s(QuantField.min, 'min');
  const max = q.float32s(QuantField.max, 'max');
  if (min && min.length > 0) quant.min = min;
  if (max && max.length > 0) quant.max = max;
  return quant;
}

/** One IR tensor from a Tensor table; `buffers` are the model's Buffer tables. */
export function readTensor(t: Table, index: number, buffers: readonly Table[]): Tensor {
  const where = `tensor ${index}`;
  const name = t.string(TensorField.name, 'name') ?? '';
  const label = name ? `${where} "${name}"` : where;
  if (t.has(TensorField.sparsity)) {
    throw unsupportedContent(`${label} is sparse, which TinyDeploy does not support.`, 'Convert the model without sparsity.');
  }
  const shape = readShape(t, label);
  const dtype = readDType(t, label);
  const tensor: Tensor = { name, shape, dtype };
  const quant = readQuant(t.table(TensorField.quantization, 'quantization'), shape, label);
  if (quant) tensor.quant = quant;

  const bufferIndex = t.uint32(TensorField.buffer, 0, 'buffer');
  if (bufferIndex >= buffers.length) {
    throw malformed(`${label} refers to buffer ${bufferIndex}, but the model has ${buffers.length} buffers`);
  }
  const data = bufferIndex === 0 ? undefined : bufferBytes(buffers[bufferIndex], bufferIndex);
  if (data) {
    const expected = expectedDataBytes(shape, dtype);
    if (expected !== null && expected !== data.length) {
      throw malformed(`${label} of shape [${shape.join(', ')}] ${dtype} needs ${expected} bytes of data, its buffer has ${data.length}`);
    }
    t.view.charge(data.length, label);
    tensor.data = data.slice();
  }
  if (t.bool(TensorField.isVariable, false, 'is_variable')) tensor.isVariable = true;
  const signature = t.int32s(TensorField.shapeSignature, 'shape_signature');
  if (signature) tensor.shapeSignature = signature;
  return tensor;
}
