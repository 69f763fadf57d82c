// NaN, ±Inf and values float32 cannot hold are refused in data (.npy, .npz, CSV) and in weights (TF.js, Keras
// .h5, float .tflite), naming the array or tensor and the first bad index, so they never reach model.int8.tflite.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { parseCsv, parseDataset, parseNpy, readKerasH5, readTfjsFile, readTflite } from '../../core/formats/index.js';
import type { Graph } from '../../core/model/index.js';
import { fixturePath } from '../support/fixtures.js';
import { npyFile } from './hostile-files.js';
import { modelBytes } from './models.js';

function caught(run: () => unknown): TinyDeployError {
  try { run(); } catch (e) { expect(e).toBeInstanceOf(TinyDeployError); return e as TinyDeployError; }
  throw new Error('expected a TinyDeployError');
}

const f4 = (values: number[]): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);
const f8 = (values: number[]): Uint8Array => new Uint8Array(Float64Array.from(values).buffer);

/** Overwrites the first float32 of the first float constant of `graph` whose leading bytes occur in `bytes`. */
function poisonFirstWeight(bytes: Uint8Array, graph: Graph, value: number): { patched: Uint8Array; tensor: string } {
  const hay = Buffer.from(bytes);
  for (const t of graph.tensors) {
    if (!t.data || t.dtype !== 'float32' || t.data.length < 16) continue;
    const at = hay.indexOf(Buffer.from(t.data.subarray(0, 16)));
    if (at < 0) continue;
    const patched = bytes.slice();
    new DataView(patched.buffer).setFloat32(at, value, true);
    return { patched, tensor: t.name };
  }
  throw new Error('no float weight found in the file');
}

describe('non-finite data', () => {
  it('.npy: NaN at (1, 2) of a 2x3 float32 array is named with its index', () => {
    const npy = npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", f4([0, 1, 2, 3, 4, NaN]));
    const e = caught(() => parseNpy(npy, 'x.npy'));
    expect(e.code).toBe(ErrorCode.DatasetMalformed);
    expect(e.message).toBe('x.npy holds NaN at index 5 (1, 2); values must be finite float32 numbers.');
    expect(e.advice).toMatch(/nan_to_num/);
  });

  it('.npy: -Inf, and a float64 beyond the float32 range (it would become Inf)', () => {
    expect(caught(() => parseNpy(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f8([1, -Infinity, 0])), 'a.npy')).message)
      .toMatch(/a\.npy holds -Infinity at index 1;/);
    expect(caught(() => parseNpy(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", f8([1, 1e39])), 'b.npy')).message)
      .toMatch(/b\.npy holds 1e\+39 at index 1;/);
  });

  it('.npz: NaN in the labels array is named by archive and entry', () => {
    const x = npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", f4([1, 2, 3, 4]));
    const y = npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", f4([0, NaN]));
    const e = caught(() => parseDataset(zipSync({ 'x.npy': x, 'y.npy': y }), 'd.npz'));
    expect(e.message).toMatch(/^d\.npz:y\.npy holds NaN at index 1;/);
  });

  it('CSV: "nan", "inf" and 1e39 features, and a NaN label, are refused with line and column', () => {
    expect(caught(() => parseCsv('a,b,label\n1,2,0\n3,nan,1\n', { name: 'c.csv' })).message).toMatch(/c\.csv line 3, column "b": "nan" is not a number/);
    expect(caught(() => parseCsv('a,label\nInfinity,0\n', { name: 'c.csv' })).message).toMatch(/line 2, column "a": "Infinity"/);
    expect(caught(() => parseCsv('a,label\n1e39,0\n', { name: 'c.csv' })).message).toMatch(/line 2, column "a": "1e39"/);
    expect(caught(() => parseCsv('a,label\n1,0\n2,NaN\n', { name: 'c.csv' })).message).toMatch(/c\.csv: data row 2 has the label "NaN"/);
    expect(parseCsv('a,label\n3.4e38,0\n-1e-45,1\n').rows).toBe(2); // the float32 range itself is fine
  });
});

describe('non-finite weights', () => {
  it('TF.js: a NaN written into the shard is refused, naming the weight and index', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tinydeploy-nan-'));
    const src = fixturePath('digits_mlp', 'tfjs');
    copyFileSync(path.join(src, 'model.json'), path.join(dir, 'model.json'));
    const shard = new Uint8Array(readFileSync(path.join(src, 'group1-shard1of1.bin')));
    new DataView(shard.buffer).setFloat32(7 * 4, NaN, true);
    writeFileSync(path.join(dir, 'group1-shard1of1.bin'), shard);
    const e = await readTfjsFile(path.join(dir, 'model.json')).then(() => undefined, (err: unknown) => err as TinyDeployError);
    expect(e).toBeInstanceOf(TinyDeployError);
    expect(e?.message).toMatch(/weight '[\w/]+' holds NaN at index 7; weights must be finite/);
  });

  it('Keras .h5: an Inf patched into a stored weight is refused', async () => {
    const bytes = new Uint8Array(readFileSync(fixturePath('digits_mlp', 'model.h5')));
    const { patched } = poisonFirstWeight(bytes, await readKerasH5(bytes), Infinity);
    await expect(readKerasH5(patched)).rejects.toThrow(/holds Infinity at index \d+; weights must be finite float32 numbers/);
  });

  it('float .tflite: a NaN constant is refused by graph validation, naming the tensor', () => {
    const bytes = modelBytes('hello_world_float.tflite');
    const { patched, tensor } = poisonFirstWeight(bytes, readTflite(bytes), NaN);
    const e = caught(() => readTflite(patched));
    expect(e.message).toContain(`"${tensor}" holds NaN at index 0`);
  });
});
