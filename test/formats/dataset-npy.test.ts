// .npy/.npz: every dtype numpy wrote reads back the values numpy recorded; damaged files are named as such.
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { datasetFromArrays, parseDataset, parseNpy, parseNpz } from '../../core/formats/dataset/index.js';
import { fixturePath } from '../support/fixtures.js';

interface Values { shape: number[]; values: number[] }
const expected = JSON.parse(readFileSync(fixturePath('npy', 'expected.json'), 'utf8')) as Record<string, Values | Record<string, Values>>;
const bytes = (file: string) => new Uint8Array(readFileSync(fixturePath('npy', file)));

/** Float32 values compare exactly after rounding both sides to float32. */
function expectValues(got: Float64Array, want: number[]): void {
  expect(got.length).toBe(want.length);
  want.forEach((v, i) => {
    if (Number.isNaN(v)) expect(got[i]).toBeNaN();
    else expect(got[i]).toBe(v);
  });
}

function npyError(b: Uint8Array): TinyDeployError {
  try { parseNpy(b, 'x.npy'); } catch (e) { expect(e).toBeInstanceOf(TinyDeployError); return e as TinyDeployError; }
  throw new Error('expected an error');
}

/** A .npy file with the given header text and data bytes. */
function npy(header: string, data: Uint8Array = new Uint8Array(), version = 1): Uint8Array {
  const head = strToU8(header);
  const pre = version === 1 ? 10 : 12;
  const out = new Uint8Array(pre + head.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  new DataView(out.buffer)[version === 1 ? 'setUint16' : 'setUint32'](8, head.length, true);
  out.set(head, pre);
  out.set(data, pre + head.length);
  return out;
}

describe('numpy-written .npy files', () => {
  const files = Object.keys(expected).filter((k) => k.endsWith('.npy'));
  it.each(files)('%s', (file) => {
    const want = expected[file] as Values;
    const arr = parseNpy(bytes(file), file);
    expect(arr.shape).toEqual(want.shape);
    expectValues(arr.values, want.values);
  });

  it('covers big-endian, Fortran order, float16, bool, int64, a 0-d scalar, an empty array and a version-2 header', () => {
    for (const f of ['be_f4_3', 'fortran_f4_2x3', 'f2_3', 'bool_4', 'i8_2x2', 'scalar_f8', 'empty_f4_0x3', 'v2_f4_3x2']) {
      expect(files).toContain(`${f}.npy`);
    }
  });
});

describe('.npz archives', () => {
  it.each(['xy.npz', 'xy_compressed.npz'])('%s: both arrays, and a dataset from x and y', (file) => {
    const want = expected[file] as Record<string, Values>;
    const arrays = parseNpz(bytes(file), file);
    expect(Object.keys(arrays).sort()).toEqual(['x', 'y']);
    expectValues(arrays.x!.values, want.x!.values);
    const ds = parseDataset(bytes(file), file);
    expect(ds.rows).toBe(4);
    expect(ds.featureShape).toEqual([3]);
    expect([...ds.labels]).toEqual(want.y!.values);
  });

  it('an archive without x/y names its arrays', () => {
    const z = zipSync({ 'a.npy': bytes('f4_2x3.npy'), 'b.npy': bytes('u1_4.npy') });
    expect(() => parseDataset(z, 'd.npz')).toThrow(/holds arrays a, b/);
  });

  it('a broken zip and a zip with no arrays', () => {
    expect(() => parseNpz(strToU8('PK\u0003\u0004 broken'), 'd.npz')).toThrow(/not a valid \.npz/);
    expect(() => parseNpz(zipSync({ 'readme.txt': strToU8('hi') }), 'd.npz')).toThrow(/holds no \.npy arrays/);
  });

  it('one-hot labels become class indices; mismatched row counts are refused', () => {
    const x = { descr: '<f4', shape: [2, 2], values: Float64Array.of(1, 2, 3, 4) };
    const y = { descr: '<f4', shape: [2, 3], values: Float64Array.of(0, 0, 1, 0, 1, 0) };
    expect([...datasetFromArrays(x, y).labels]).toEqual([2, 1]);
    expect(() => datasetFromArrays(x, { descr: '<i8', shape: [3], values: Float64Array.of(0, 1, 2) })).toThrow(/2 rows but the label array has 3/);
  });

  it('a single .npy without labels asks for them', () => {
    expect(() => parseDataset(bytes('f4_2x3.npy'), 'x.npy')).toThrow(/only one array/);
    const ds = parseDataset(bytes('f4_2x3.npy'), 'x.npy', { labelsNpy: bytes('i8_2x2.npy').slice() });
    expect(ds.rows).toBe(2);
  });
});

describe('damaged .npy', () => {
  it.each([
    ['no magic', strToU8('NUMPY but not really, just text'), /does not start with the \\x93NUMPY magic/],
    ['version 9', npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4), 9), /format version 9/],
    ['a complex dtype', npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)), /dtype '<c8'/],
    ['a structured dtype', npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)), /no 'descr'/],
    ['no shape', npy("{'descr': '<f4', 'fortran_order': False, }"), /no 'shape'/],
    ['a negative size', npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }"), /not a size/],
    ['truncated data', npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new Uint8Array(10)), /data is truncated: 10 bytes for 4 × 8/],
    ['a header longer than the file', bytes('f4_2x3.npy').subarray(0, 40), /header claims/],
  ])('%s', (_, b, message) => {
    const err = npyError(b);
    expect(err.code).toBe(ErrorCode.DatasetMalformed);
    expect(err.message).toMatch(message);
  });

  it('random byte damage never escapes as anything but a DatasetMalformed error', () => {
    const good = bytes('v2_f4_3x2.npy');
    let seed = 5;
    const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
    for (let i = 0; i < 300; i++) {
      const b = Uint8Array.from(good.subarray(0, Math.floor(rand() * good.length * 1.2)));
      for (let k = 0; k < 3; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      try { parseNpy(b); } catch (e) { expect((e as TinyDeployError).code).toBe(ErrorCode.DatasetMalformed); }
    }
  });
});
