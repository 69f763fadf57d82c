// Codegen refuses activation plans no board could hold, before sizing anything from them (issue 11: a 600-byte
// .tflite with a huge PAD made `native` allocate over 6 GB).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { BOARDS } from '../../core/boards/index.js';
import { generateNativeModel, LARGEST_BOARD_RAM_BYTES } from '../../core/codegen/index.js';
import { readTflite, writeTflite } from '../../core/formats/tflite/index.js';
import type { Graph } from '../../core/model/index.js';
import { sharedModel } from '../support/tools.js';

/** An 8x8 int8 image padded by `pad` on every side: a few hundred bytes on disk, (8 + 2·pad)² bytes of activation. */
function hugePad(pad: number): Graph {
  const q = { scale: [0.05], zeroPoint: [0], axis: 0 };
  const side = 8 + 2 * pad;
  return {
    name: 'huge-pad',
    tensors: [
      { name: 'image', shape: [1, 8, 8, 1], dtype: 'int8', quant: q },
      { name: 'paddings', shape: [4, 2], dtype: 'int32', data: new Uint8Array(new Int32Array([0, 0, pad, pad, pad, pad, 0, 0]).buffer) },
      { name: 'padded', shape: [1, side, side, 1], dtype: 'int8', quant: q },
    ],
    ops: [{ type: 'PAD', inputs: [0, 1], outputs: [2], options: {}, version: 1 }],
    inputs: [0],
    outputs: [2],
  };
}

function thrown(f: () => unknown): TinyDeployError {
  try {
    f();
  } catch (err) {
    if (err instanceof TinyDeployError) return err;
    throw err;
  }
  throw new Error('expected a TinyDeployError');
}

describe('activation plans larger than any board', () => {
  it('LARGEST_BOARD_RAM_BYTES is the most internal RAM of any board in the catalog', () => {
    expect(LARGEST_BOARD_RAM_BYTES).toBe(Math.max(...BOARDS.map((b) => b.ramBytes)));
  });

  it('a 600-byte .tflite with a huge PAD is refused by the reader\'s memory budget, without allocating gigabytes', () => {
    const file = writeTflite(hugePad(14_140));
    expect(file.byteLength).toBeLessThan(1000);
    const rssBefore = process.memoryUsage().rss;
    const err = thrown(() => readTflite(file));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
    expect(err.code).toBe(ErrorCode.ModelMalformed);
    expect(err.message).toContain('"padded" of shape [1, 28288, 28288, 1]');
  });

  it('a PAD within the memory budget but larger than any board is refused by codegen by name and size', () => {
    const graph = readTflite(writeTflite(hugePad(3_000)));
    const rssBefore = process.memoryUsage().rss;
    const err = thrown(() => generateNativeModel(graph, { prefix: 'm' }));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
    expect(err.code).toBe(ErrorCode.CodegenUnsupported);
    expect(err.message).toContain('tensor 2 ("padded", shape [1, 6008, 6008, 1], written by op 0 (PAD))');
    expect(err.message).toContain(`${(6008 * 6008).toLocaleString('en-US')} B`);
    expect(err.message).toContain(`(${LARGEST_BOARD_RAM_BYTES.toLocaleString('en-US')} B)`);
    expect(err.advice).toMatch(/padding/);
  });

  it('a PAD whose output just fits the largest board is still generated', () => {
    // side² = 2048² = 4 MiB: exactly the limit; the 64-byte input may overlap the output, so the plan fits too.
    const model = generateNativeModel(hugePad(1020), { prefix: 'm', restarts: 0 });
    expect(model.report.activationBytes).toBeLessThanOrEqual(LARGEST_BOARD_RAM_BYTES);
  });

  it('a plan whose tensors fit one by one but not together is refused at the op where most bytes are live', () => {
    const graph = readTflite(readFileSync(sharedModel('person_detect.tflite')));
    const err = thrown(() => generateNativeModel(graph, { prefix: 'm', ramLimitBytes: 36_870 }));
    expect(err.code).toBe(ErrorCode.CodegenUnsupported);
    expect(err.message).toMatch(/^the planned activation buffer \(at op \d+, \w+, 55,296 B are live at once\) needs 36,871 B of RAM, more than the largest board has \(36,870 B\)$/);
    expect(generateNativeModel(graph, { prefix: 'm', ramLimitBytes: 36_871 }).report.activationBytes).toBe(36_871);
  });
});
