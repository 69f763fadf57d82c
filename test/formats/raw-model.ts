// A raw .tflite builder for tests, independent of our writer: it can write what the writer never would
// (unsupported ops, bad enums, wrong sizes, extra subgraphs), straight from the schema's field ids.
import { Builder } from 'flatbuffers';

export interface RawTensor { shape: number[]; type: number; buffer?: number; name?: string; scale?: number[]; zeroPoint?: number[]; axis?: number }
export interface RawOp { opcode: number; inputs: number[]; outputs: number[]; optionsType?: number; options?: (b: Builder) => number }
export interface RawOpCode { builtin: number; deprecated?: number; custom?: string; version?: number }
export interface RawModel {
  identifier?: string;
  version?: number;
  opcodes: RawOpCode[];
  tensors: RawTensor[];
  ops: RawOp[];
  inputs: number[];
  outputs: number[];
  buffers?: Uint8Array[];
  subgraphs?: number;
}

function ints(b: Builder, v: number[]): number {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addInt32(v[i]);
  return b.endVector();
}

function offsets(b: Builder, v: number[]): number {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addOffset(v[i]);
  return b.endVector();
}

function tensor(b: Builder, t: RawTensor): number {
  const shape = ints(b, t.shape);
  const name = b.createString(t.name ?? 't');
  let quant = 0;
  if (t.scale) {
    b.startVector(4, t.scale.length, 4);
    for (let i = t.scale.length - 1; i >= 0; i--) b.addFloat32(t.scale[i]);
    const scale = b.endVector();
    const zp = t.zeroPoint ?? t.scale.map(() => 0);
    b.startVector(8, zp.length, 8);
    for (let i = zp.length - 1; i >= 0; i--) b.addInt64(BigInt(zp[i]));
    const zeroPoint = b.endVector();
    b.startObject(7);
    b.addFieldOffset(2, scale, 0);
    b.addFieldOffset(3, zeroPoint, 0);
    b.addFieldInt32(6, t.axis ?? 0, 0);
    quant = b.endObject();
  }
  b.startObject(8);
  b.addFieldOffset(0, shape, 0);
  b.addFieldInt8(1, t.type, -1); // always written, even 0
  b.addFieldInt32(2, t.buffer ?? 0, 0);
  b.addFieldOffset(3, name, 0);
  if (quant) b.addFieldOffset(4, quant, 0);
  return b.endObject();
}

function subgraph(b: Builder, m: RawModel): number {
  const tensors = offsets(b, m.tensors.map((t) => tensor(b, t)));
  const ops = offsets(b, m.ops.map((op) => {
    const inputs = ints(b, op.inputs);
    const outputs = ints(b, op.outputs);
    const options = op.options ? op.options(b) : 0;
    b.startObject(5);
    b.addFieldInt32(0, op.opcode, -1);
    b.addFieldOffset(1, inputs, 0);
    b.addFieldOffset(2, outputs, 0);
    if (op.optionsType !== undefined) b.addFieldInt8(3, op.optionsType, -1);
    if (options) b.addFieldOffset(4, options, 0);
    return b.endObject();
  }));
  const inputs = ints(b, m.inputs);
  const outputs = ints(b, m.outputs);
  b.startObject(4);
  b.addFieldOffset(0, tensors, 0);
  b.addFieldOffset(1, inputs, 0);
  b.addFieldOffset(2, outputs, 0);
  b.addFieldOffset(3, ops, 0);
  return b.endObject();
}

/** Builds a .tflite file from the raw description. */
export function buildRawModel(m: RawModel): Uint8Array {
  const b = new Builder(1024);
  const buffers = offsets(b, [new Uint8Array(0), ...(m.buffers ?? [])].map((data) => {
    const vec = data.length > 0 ? b.createByteVector(data) : 0;
    b.startObject(1);
    if (vec) b.addFieldOffset(0, vec, 0);
    return b.endObject();
  }));
  const codes = offsets(b, m.opcodes.map((c) => {
    const custom = c.custom !== undefined ? b.createString(c.custom) : 0;
    b.startObject(4);
    b.addFieldInt8(0, c.deprecated ?? Math.min(c.builtin, 127), -1);
    if (custom) b.addFieldOffset(1, custom, 0);
    b.addFieldInt32(2, c.version ?? 1, -1);
    b.addFieldInt32(3, c.builtin, -1);
    return b.endObject();
  }));
  const sgs: number[] = [];
  for (let i = 0; i < (m.subgraphs ?? 1); i++) sgs.push(subgraph(b, m));
  const subgraphs = offsets(b, sgs);
  b.startObject(5);
  b.addFieldInt32(0, m.version ?? 3, -1);
  b.addFieldOffset(1, codes, 0);
  b.addFieldOffset(2, subgraphs, 0);
  b.addFieldOffset(4, buffers, 0);
  b.finish(b.endObject(), m.identifier ?? 'TFL3');
  return b.asUint8Array().slice();
}

/** A float32 tensor's raw bytes. */
export function f32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

/** An int32 tensor's raw bytes. */
export function i32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(values).buffer);
}
