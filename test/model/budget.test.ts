// The memory budget: sizes are refused before allocation with the tensor and shape named; a float run (evaluation,
// a training step) is refused by compress before tfjs allocates a byte.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { compressModel } from '../../core/compress/pipeline.js';
import { readTflite } from '../../core/formats/index.js';
import { checkElements, checkFloatRun, floatRunBytes, shapeElements } from '../../core/model/index.js';
import { hugePadModel } from '../formats/hostile-files.js';

describe('the memory budget', () => {
  it('counts elements only for real sizes', () => {
    expect(shapeElements([2, 3, 4])).toBe(24);
    expect(shapeElements([2, -1])).toBeNaN();
    expect(shapeElements([2, 0.5])).toBeNaN();
    expect(() => checkElements('the array', 2 ** 40, 1, { code: ErrorCode.DatasetMalformed })).toThrow(/the array \(1099511627776 elements\) would need 1048576 MiB, over the 256 MiB memory budget/);
    expect(checkElements('ok', 1000, 4)).toBe(4000);
  });

  it('sizes a float run from activations per row and parameters', () => {
    // PAD 8x8 → 1008x1008 (float32): 64 + 1,016,064 activations per row, and 8 int32 paddings as "parameters".
    const g = readTflite(hugePadModel(1000, 'float32'));
    expect(floatRunBytes(g, 1, false)).toBe(4 * (64 + 1008 * 1008 + 8));
    expect(floatRunBytes(g, 10, true)).toBe(4 * (2 * 10 * (64 + 1008 * 1008) + 4 * 8));
    expect(() => checkFloatRun(g, 10, true, 'training', { budgetBytes: 82e6 })).not.toThrow();
    expect(() => checkFloatRun(g, 10, true, 'training', { budgetBytes: 40e6 })).toThrow(/training of "huge_pad" on batches of 10 rows would need 77\.5 MiB, over the 38\.1 MiB memory budget/);
  });

  it('compress refuses a model whose batch of activations passes the budget, before evaluating it', async () => {
    const g = readTflite(hugePadModel(4000, 'float32')); // 64 MB of activations per row: fine alone, not 8 at a time
    const rows = 8;
    const samples = { features: new Float32Array(rows * 64), labels: new Float32Array(rows), rows };
    const e = await compressModel('huge', g, { train: samples, test: samples }, { quantize: true }).then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(TinyDeployError);
    expect((e as TinyDeployError).message).toMatch(/evaluation of "huge_pad" on batches of 8 rows would need 490 MiB, over the 256 MiB memory budget/);
  });
});
