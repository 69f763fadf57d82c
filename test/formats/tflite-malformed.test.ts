// Each kind of broken file gives ModelMalformed with a message that names what is wrong.
import type { Builder } from 'flatbuffers';
import { ByteBuffer } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { readTflite } from '../../core/formats/index.js';
import { modelBytes } from './models.js';
import { buildRawModel, f32Bytes, type RawModel } from './raw-model.js';

const FLOAT32 = 0;

function malformedMessage(bytes: Uint8Array): string {
  try {
    readTflite(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(TinyDeployError);
    expect((e as TinyDeployError).code).toBe(ErrorCode.ModelMalformed);
    expect((e as TinyDeployError).advice).toBeTruthy();
    return (e as TinyDeployError).message;
  }
  throw new Error('the reader accepted a broken file');
}

/** A valid one-CONV_2D model; `patch` edits its description before building. */
function convModel(patch: (m: RawModel) => void = () => undefined, conv?: (b: Builder) => number): Uint8Array {
  const options = conv ?? ((b: Builder) => {
    b.startObject(7);
    b.addFieldInt32(1, 1, 0);
    b.addFieldInt32(2, 1, 0);
    return b.endObject();
  });
  const m: RawModel = {
    opcodes: [{ builtin: 3, version: 1 }],
    tensors: [
      { shape: [1, 4, 4, 1], type: FLOAT32, name: 'in' },
      { shape: [2, 1, 1, 1], type: FLOAT32, name: 'w', buffer: 1 },
      { shape: [1, 4, 4, 2], type: FLOAT32, name: 'out' },
    ],
    ops: [{ opcode: 0, inputs: [0, 1, -1], outputs: [2], optionsType: 1, options }],
    inputs: [0],
    outputs: [2],
    buffers: [f32Bytes([0.5, -1])],
  };
  patch(m);
  return buildRawModel(m);
}

/** Position of the Model table's `id` field's vector length word, walked with the package's helpers. */
function vectorLengthPos(bytes: Uint8Array, path: number[]): number {
  const bb = new ByteBuffer(bytes);
  let table = bb.readInt32(0);
  for (let i = 0; i < path.length - 1; i++) {
    const o = bb.__offset(table, 4 + 2 * path[i]);
    table = bb.__indirect(bb.__vector(table + o)); // first element of the vector
  }
  const o = bb.__offset(table, 4 + 2 * path[path.length - 1]);
  return table + o + bb.readUint32(table + o);
}

describe('malformed .tflite files', () => {
  it('accepts the base model (so the failures below come from the patch alone)', () => {
    expect(readTflite(convModel()).ops[0].type).toBe('CONV_2D');
  });

  it('empty and tiny files', () => {
    expect(malformedMessage(new Uint8Array(0))).toMatch(/0 bytes long/);
    expect(malformedMessage(new Uint8Array([1, 2, 3]))).toMatch(/3 bytes long/);
  });

  it('a wrong file identifier (a PNG header)', () => {
    expect(malformedMessage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]))).toMatch(/identifier/);
    expect(malformedMessage(convModel((m) => { m.identifier = 'TFL2'; }))).toMatch(/"TFL2"/);
  });

  it('a truncated real model', () => {
    const bytes = modelBytes('person_detect.tflite');
    expect(malformedMessage(bytes.subarray(0, bytes.length / 2))).toMatch(/outside the file|more .* than the file/);
  });

  it('a root offset past the end of the file', () => {
    const bytes = convModel();
    new DataView(bytes.buffer).setUint32(0, 0xfffff000, true);
    expect(malformedMessage(bytes)).toMatch(/root table offset.*outside the file/);
  });

  it('a vtable offset out of range', () => {
    const bytes = convModel();
    const root = new DataView(bytes.buffer).getUint32(0, true);
    new DataView(bytes.buffer).setInt32(root, -0x7000000, true);
    expect(malformedMessage(bytes)).toMatch(/Model vtable/);
  });

  it('an absurd vector length (the tensors vector claims 2^31 entries)', () => {
    const bytes = convModel();
    const pos = vectorLengthPos(bytes, [2, 0]); // Model.subgraphs[0].tensors
    new DataView(bytes.buffer).setUint32(pos, 0x7fffffff, true);
    expect(malformedMessage(bytes)).toMatch(/tensors claims 2147483647 elements/);
  });

  it('a schema version other than 3', () => {
    expect(malformedMessage(convModel((m) => { m.version = 2; }))).toMatch(/schema version is 2/);
  });

  it('bad enum values: tensor type, padding, activation', () => {
    expect(malformedMessage(convModel((m) => { m.tensors[0].type = 99; }))).toMatch(/tensor type 99/);
    const conv = (padding: number, activation: number) => (b: Builder) => {
      b.startObject(7);
      b.addFieldInt8(0, padding, 0);
      b.addFieldInt32(1, 1, 0);
      b.addFieldInt32(2, 1, 0);
      b.addFieldInt8(3, activation, 0);
      return b.endObject();
    };
    expect(malformedMessage(convModel(undefined, conv(7, 0)))).toMatch(/padding 7/);
    expect(malformedMessage(convModel(undefined, conv(0, 9)))).toMatch(/fused_activation_function 9/);
  });

  it('a stride of 0 and a mismatched options union type', () => {
    const zeroStride = (b: Builder) => { b.startObject(7); b.addFieldInt32(1, 1, 0); return b.endObject(); };
    expect(malformedMessage(convModel(undefined, zeroStride))).toMatch(/stride_h is 0/);
    expect(malformedMessage(convModel((m) => { m.ops[0].optionsType = 5; }))).toMatch(/union type 5, expected 1/);
  });

  it('tensor, opcode and buffer indices out of range', () => {
    expect(malformedMessage(convModel((m) => { m.ops[0].inputs = [0, 7, -1]; }))).toMatch(/refers to tensor 7.*3 tensors/);
    expect(malformedMessage(convModel((m) => { m.ops[0].inputs = [0, 1, -2]; }))).toMatch(/refers to tensor -2/);
    expect(malformedMessage(convModel((m) => { m.outputs = [3]; }))).toMatch(/subgraph outputs refers to tensor 3/);
    expect(malformedMessage(convModel((m) => { m.ops[0].opcode = 4; }))).toMatch(/operator code 4/);
    expect(malformedMessage(convModel((m) => { m.tensors[1].buffer = 9; }))).toMatch(/buffer 9/);
  });

  it('constant data whose size does not match the shape, and negative dimensions', () => {
    expect(malformedMessage(convModel((m) => { m.tensors[1].shape = [3, 1, 1, 1]; }))).toMatch(/needs 12 bytes.*has 8/);
    expect(malformedMessage(convModel((m) => { m.tensors[2].shape = [1, -4, 4, 2]; }))).toMatch(/negative dimension/);
    expect(malformedMessage(convModel((m) => { m.tensors[2].shape = [65536, 65536, 4, 2]; }))).toMatch(/absurd shape/);
  });

  it('per-axis quantization that does not fit the shape', () => {
    const patch = (m: RawModel) => { m.tensors[1] = { ...m.tensors[1], scale: [0.1, 0.2, 0.3], axis: 0 }; };
    expect(malformedMessage(convModel(patch))).toMatch(/3 per-axis scales on dimension 0/);
  });
});
