// The writer's files read back to the same IR, and follow the layout rules TFLM relies on (checked raw).
import { isDeepStrictEqual } from 'node:util';
import { ByteBuffer } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { readTflite, writeTflite } from '../../core/formats/index.js';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { allOpsGraph } from '../model/fixture-graphs.js';
import { MODEL_FILES, modelBytes } from './models.js';

/** Raw flatbuffer walking with the package's generated-code helpers, independent of our reader. */
function raw(bytes: Uint8Array) {
  const bb = new ByteBuffer(bytes);
  const root = bb.readInt32(0);
  const field = (table: number, id: number): number => bb.__offset(table, 4 + 2 * id);
  const tables = (table: number, id: number): number[] => {
    const o = field(table, id);
    if (!o) return [];
    const start = bb.__vector(table + o);
    return Array.from({ length: bb.__vector_len(table + o) }, (_, i) => bb.__indirect(start + 4 * i));
  };
  return { bb, root, field, tables };
}

describe('writeTflite', () => {
  it.each(MODEL_FILES)('%s: write then read gives a deep-equal IR', (file) => {
    const g = readTflite(modelBytes(file));
    const again = readTflite(writeTflite(g));
    // isDeepStrictEqual compares typed arrays fast; toEqual only runs to show the difference.
    if (!isDeepStrictEqual(again, g)) expect(again).toEqual(g);
  });

  it('round-trips a graph with every op type, an absent bias (-1), a variable tensor, min/max and a shape signature', () => {
    const g = allOpsGraph();
    const back = readTflite(writeTflite(g));
    expect(back).toEqual(g);
    expect(back.ops[10].inputs).toEqual([17, 18, -1]);
  });

  it.each(MODEL_FILES)('%s: "TFL3", version 3, empty buffers[0], 16-byte aligned data, builtin codes in both fields', (file) => {
    const out = writeTflite(readTflite(modelBytes(file)));
    const { bb, root, field, tables } = raw(out);
    expect(String.fromCharCode(...out.subarray(4, 8))).toBe('TFL3');
    expect(bb.readUint32(root + field(root, 0))).toBe(3);
    const buffers = tables(root, 4);
    expect(field(buffers[0], 0)).toBe(0);
    let withData = 0;
    for (const buf of buffers) {
      const o = field(buf, 0);
      if (!o) continue;
      withData++;
      expect(bb.__vector(buf + o) % 16).toBe(0);
    }
    expect(withData).toBeGreaterThan(0);
    for (const code of tables(root, 1)) {
      const deprecated = field(code, 0) ? bb.readInt8(code + field(code, 0)) : 0;
      const builtin = field(code, 3) ? bb.readInt32(code + field(code, 3)) : 0;
      expect(deprecated).toBe(Math.min(builtin, 127));
    }
  });

  it('keeps the metadata entries (min_runtime_version) with their bytes', () => {
    const g = readTflite(modelBytes('magic_wand_int8.tflite'));
    const back = readTflite(writeTflite(g));
    const meta = back.metadata?.find((m) => m.name === 'min_runtime_version');
    expect(new TextDecoder().decode(meta!.data).replace(/\0+$/, '')).toMatch(/^\d+\.\d+/);
  });

  it('keeps an OfflineMemoryAllocation plan that fits the tensors and drops one that no longer does', () => {
    const plan = (n: number): Uint8Array => new Uint8Array(new Int32Array([1, 1, n, ...new Array(n).fill(-1)]).buffer);
    const g = allOpsGraph();
    g.metadata = [{ name: 'OfflineMemoryAllocation', data: plan(g.tensors.length) }];
    expect(readTflite(writeTflite(g)).metadata).toEqual(g.metadata);
    g.tensors.pop(); // e.g. a compression step removed a tensor: the plan's offsets no longer line up
    g.metadata = [{ name: 'OfflineMemoryAllocation', data: plan(g.tensors.length + 1) }, { name: 'x', data: new Uint8Array([1]) }];
    expect(readTflite(writeTflite(g)).metadata?.map((m) => m.name)).toEqual(['x']);
  });

  it('refuses a graph that refers to a tensor it does not have', () => {
    const g = allOpsGraph();
    g.ops[0].inputs = [0, 1, 99];
    expect(() => writeTflite(g)).toThrow(TinyDeployError);
    try { writeTflite(g); } catch (e) { expect((e as TinyDeployError).code).toBe(ErrorCode.InvalidArgument); }
  });

  it('refuses quantization with a fractional zero point or a missing one', () => {
    const g = allOpsGraph();
    g.tensors[3].quant = { scale: [0.5], zeroPoint: [1.5], axis: 0 };
    expect(() => writeTflite(g)).toThrow(/"conv\/out" needs one integer zero point per scale/);
    g.tensors[3].quant = { scale: [0.5, 0.25], zeroPoint: [0], axis: 0 };
    expect(() => writeTflite(g)).toThrow(TinyDeployError);
  });

  it('refuses constant data whose size does not match its shape (the reader would refuse the file)', () => {
    const g = allOpsGraph();
    g.tensors[1].shape = [4, 3, 3, 2];
    expect(() => writeTflite(g)).toThrow(/"conv\/w" of shape \[4, 3, 3, 2\] int8 has 108 bytes of data, needs 72/);
  });
});
