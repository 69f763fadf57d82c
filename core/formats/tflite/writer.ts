// writeTflite: the graph IR → a schema-v3 "TFL3" flatbuffer that TFLM runs (buffers 16-aligned, metadata kept).
import { Builder } from 'flatbuffers';
import { ErrorCode, TinyDeployError } from '../../api/index.js';
import type { Graph, MetadataEntry, Op, Quantization, Tensor } from '../../model/index.js';
import {
  BufferField, FILE_IDENTIFIER, MetadataField, ModelField, OP_CODES, OperatorCodeField, OperatorField,
  PLACEHOLDER_FOR_GREATER_OP_CODES, QuantField, SCHEMA_VERSION, SubGraphField, TensorField, tensorTypeCode,
} from './schema.js';
import { expectedDataBytes } from './read-tensor.js';
import { writeOptions } from './write-options.js';
import { alignedByteVector, float32Vector, int32Vector, int64Vector, offsetVector } from './write-vectors.js';

function invalid(message: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.InvalidArgument, `Cannot write .tflite: ${message}.`, {
    advice: 'The graph is inconsistent; this is a bug in the step that produced it.',
  });
}

function writeBuffer(b: Builder, data: Uint8Array | undefined): number {
  const vec = data && data.length > 0 ? alignedByteVector(b, data) : 0;
  b.startObject(3);
  if (vec) b.addFieldOffset(BufferField.data, vec, 0);
  return b.endObject();
}

function writeQuant(b: Builder, q: Quantization, name: string): number {
  if (q.scale.length !== q.zeroPoint.length || !q.zeroPoint.every(Number.isSafeInteger)) {
    throw invalid(`tensor "${name}" needs one integer zero point per scale (${q.scale.length} scales, zero points [${q.zeroPoint.join(', ')}])`);
  }
  const min = q.min ? float32Vector(b, q.min) : 0;
  const max = q.max ? float32Vector(b, q.max) : 0;
  const scale = float32Vector(b, q.scale);
  const zeroPoint = int64Vector(b, q.zeroPoint);
  b.startObject(7);
  if (min) b.addFieldOffset(QuantField.min, min, 0);
  if (max) b.addFieldOffset(QuantField.max, max, 0);
  b.addFieldOffset(QuantField.scale, scale, 0);
  b.addFieldOffset(QuantField.zeroPoint, zeroPoint, 0);
  b.addFieldInt32(QuantField.quantizedDimension, q.axis, 0);
  return b.endObject();
}

function writeTensor(b: Builder, t: Tensor, buffer: number): number {
  const type = tensorTypeCode(t.dtype);
  if (type < 0) throw invalid(`tensor "${t.name}" has dtype ${t.dtype}, which .tflite cannot hold`);
  const expected = t.data ? expectedDataBytes(t.shape, t.dtype) : null;
  if (t.data && expected !== null && expected !== t.data.length) {
    throw invalid(`tensor "${t.name}" of shape [${t.shape.join(', ')}] ${t.dtype} has ${t.data.length} bytes of data, needs ${expected}`);
  }
  const shape = int32Vector(b, t.shape);
  const name = b.createString(t.name);
  const quant = t.quant ? writeQuant(b, t.quant, t.name) : 0;
  const signature = t.shapeSignature ? int32Vector(b, t.shapeSignature) : 0;
  b.startObject(8);
  b.addFieldOffset(TensorField.shape, shape, 0);
  b.addFieldInt8(TensorField.type, type, 0);
  b.addFieldInt32(TensorField.buffer, buffer, 0);
  b.addFieldOffset(TensorField.name, name, 0);
  if (quant) b.addFieldOffset(TensorField.quantization, quant, 0);
  b.addFieldInt8(TensorField.isVariable, t.isVariable ? 1 : 0, 0);
  if (signature) b.addFieldOffset(TensorField.shapeSignature, signature, 0);
  return b.endObject();
}

function writeOperator(b: Builder, op: Op, opcodeIndex: number, tensorCount: number, index: number): number {
  for (const i of [...op.inputs, ...op.outputs]) {
    if (!(i >= -1 && i < tensorCount)) throw invalid(`op ${index} (${op.type}) refers to tensor ${i} of ${tensorCount}`);
  }
  const inputs = int32Vector(b, op.inputs);
  const outputs = int32Vector(b, op.outputs);
  const options = writeOptions(b, op);
  b.startObject(7);
  b.addFieldInt32(OperatorField.opcodeIndex, opcodeIndex, 0);
  b.addFieldOffset(OperatorField.inputs, inputs, 0);
  b.addFieldOffset(OperatorField.outputs, outputs, 0);
  if (options) {
    b.addFieldInt8(OperatorField.builtinOptionsType, options.type, 0);
    b.addFieldOffset(OperatorField.builtinOptions, options.offset, 0);
  }
  return b.endObject();
}

function writeOpCode(b: Builder, op: Op): number {
  const code = OP_CODES[op.type].code;
  b.startObject(4);
  b.addFieldInt8(OperatorCodeField.deprecatedBuiltinCode, Math.min(code, PLACEHOLDER_FOR_GREATER_OP_CODES), 0);
  b.addFieldInt32(OperatorCodeField.version, op.version, 1);
  b.addFieldInt32(OperatorCodeField.builtinCode, code, 0);
  return b.endObject();
}

/**
 * Metadata to carry into the file. TFLM trusts an "OfflineMemoryAllocation" plan ([version, subgraphs, n,
 * offset per tensor], int32) blindly, so a plan whose tensor count no longer matches the graph is dropped.
 */
function keptMetadata(graph: Graph): MetadataEntry[] {
  return (graph.metadata ?? []).filter((m) => {
    if (m.name !== 'OfflineMemoryAllocation') return true;
    if (m.data.length < 12) return false;
    const n = new DataView(m.data.buffer, m.data.byteOffset, m.data.byteLength).getInt32(8, true);
    return n === graph.tensors.length && m.data.length === 12 + 4 * n;
  });
}

/** Writes the graph as a .tflite file: one subgraph, buffers[0] empty, one buffer per constant tensor. */
export function writeTflite(graph: Graph): Uint8Array {
  const dataBytes = graph.tensors.reduce((n, t) => n + (t.data?.length ?? 0) + 32, 0);
  const b = new Builder(dataBytes + 4096);

  // Buffers: [0] empty, then constant tensors, then metadata (large vectors first keeps padding low).
  const buffers: number[] = [writeBuffer(b, undefined)];
  const tensorBuffer = graph.tensors.map((t) => {
    if (!t.data || t.data.length === 0) return 0;
    buffers.push(writeBuffer(b, t.data));
    return buffers.length - 1;
  });
  const metadata = keptMetadata(graph).map((m) => {
    buffers.push(writeBuffer(b, m.data));
    const name = b.createString(m.name);
    b.startObject(2);
    b.addFieldOffset(MetadataField.name, name, 0);
    b.addFieldInt32(MetadataField.buffer, buffers.length - 1, 0);
    return b.endObject();
  });

  // Operator codes: one per distinct (op type, version), in order of first use.
  const codeIndex = new Map<string, number>();
  const codes: number[] = [];
  for (const op of graph.ops) {
    const key = `${op.type}@${op.version}`;
    if (!codeIndex.has(key)) {
      codeIndex.set(key, codes.length);
      codes.push(writeOpCode(b, op));
    }
  }

  const n = graph.tensors.length;
  for (const i of [...graph.inputs, ...graph.outputs]) {
    if (!(i >= 0 && i < n)) throw invalid(`graph input/output ${i} is not one of its ${n} tensors`);
  }
  const tensors = graph.tensors.map((t, i) => writeTensor(b, t, tensorBuffer[i]));
  const operators = graph.ops.map((op, i) => writeOperator(b, op, codeIndex.get(`${op.type}@${op.version}`)!, n, i));
  const sgTensors = offsetVector(b, tensors);
  const sgInputs = int32Vector(b, graph.inputs);
  const sgOutputs = int32Vector(b, graph.outputs);
  const sgOperators = offsetVector(b, operators);
  const sgName = b.createString(graph.name);
  b.startObject(5);
  b.addFieldOffset(SubGraphField.tensors, sgTensors, 0);
  b.addFieldOffset(SubGraphField.inputs, sgInputs, 0);
  b.addFieldOffset(SubGraphField.outputs, sgOutputs, 0);
  b.addFieldOffset(SubGraphField.operators, sgOperators, 0);
  b.addFieldOffset(SubGraphField.name, sgName, 0);
  const subgraph = b.endObject();

  const codesVec = offsetVector(b, codes);
  const subgraphs = offsetVector(b, [subgraph]);
  const description = graph.description !== undefined ? b.createString(graph.description) : 0;
  const buffersVec = offsetVector(b, buffers);
  const metadataVec = metadata.length > 0 ? offsetVector(b, metadata) : 0;
  b.startObject(7);
  b.addFieldInt32(ModelField.version, SCHEMA_VERSION, 0);
  b.addFieldOffset(ModelField.operatorCodes, codesVec, 0);
  b.addFieldOffset(ModelField.subgraphs, subgraphs, 0);
  if (description) b.addFieldOffset(ModelField.description, description, 0);
  b.addFieldOffset(ModelField.buffers, buffersVec, 0);
  if (metadataVec) b.addFieldOffset(ModelField.metadata, metadataVec, 0);
  const model = b.endObject();
  b.finish(model, FILE_IDENTIFIER);
  return b.asUint8Array().slice();
}
