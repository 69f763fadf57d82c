// Zip bombs and huge shapes: a .keras or .npz whose entries declare or inflate to gigabytes is refused with the
// entry and the limit named, before (or while) inflating, and the process never grows by more than a little.
import { readFileSync } from 'node:fs';
import { inflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { listZipEntries, readZip, ZipProblem } from '../../core/formats/archive.js';
import { importModel, parseDataset, parseNpy, parseNpz, readKerasZip } from '../../core/formats/index.js';
import { fixturePath } from '../support/fixtures.js';
import { npyFile, rawZip, zeroBomb } from './hostile-files.js';

const GiB = 1024 ** 3;

async function refusal(run: () => unknown): Promise<TinyDeployError> {
  try { await run(); } catch (e) {
    expect(e).toBeInstanceOf(TinyDeployError);
    return e as TinyDeployError;
  }
  throw new Error('expected a TinyDeployError');
}

/** Runs `run` and returns how much the resident set grew meanwhile (sampled before and after). */
async function rssGrowth(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  await run().catch(() => undefined);
  return process.memoryUsage().rss - before;
}

const config = strToU8(JSON.stringify({ class_name: 'Sequential', config: { name: 'm', layers: [] } }));

describe('.keras zip bombs', () => {
  it('refuses an entry that declares 3.9 GiB before inflating anything, naming the entry and the limit', async () => {
    const bomb = rawZip([
      { name: 'config.json', stored: config, method: 0, declaredSize: config.length },
      { name: 'model.weights.h5', stored: zeroBomb(1 << 20), method: 8, declaredSize: 0xfa000000 },
    ]);
    expect(bomb.length).toBeLessThan(10_000);
    const e = await refusal(() => importModel({ bytes: bomb, name: 'bomb.keras' }));
    expect(e.code).toBe(ErrorCode.ModelMalformed);
    expect(e.message).toMatch(/entry "model\.weights\.h5" declares 4000\.0 MiB uncompressed, over the 256\.0 MiB limit per entry/);
    expect(e.advice).toBeTruthy();
  });

  it('stops an entry that says 1 MiB but inflates to 1 GiB as soon as it passes 1 MiB (the header lies)', async () => {
    const liar = rawZip([
      { name: 'config.json', stored: config, method: 0, declaredSize: config.length },
      { name: 'model.weights.h5', stored: zeroBomb(GiB), method: 8, declaredSize: 1 << 20 },
    ]);
    expect(liar.length).toBeLessThan(8 << 20);
    let e: TinyDeployError | undefined;
    const grew = await rssGrowth(async () => { e = await refusal(() => readKerasZip(liar)); });
    expect(e?.code).toBe(ErrorCode.ModelMalformed);
    expect(e?.message).toMatch(/entry "model\.weights\.h5" inflates to more than the 1\.0 MiB it declares/);
    expect(grew).toBeLessThan(200 * 1024 ** 2);
  });

  it('refuses a ratio beyond 200:1 on a large entry, naming both sizes', () => {
    // A real deflater on zeros reaches ~1000:1 (dynamic Huffman codes of 1 bit).
    const z = zipSync({ 'x.npy': new Uint8Array(8 << 20) }, { level: 9 });
    expect(() => readZip(z)).toThrow(/entry "x\.npy" would inflate .* to 8\.0 MiB \(\d+:1\), over the 200:1 ratio limit/);
  });

  it('refuses entries that share their bytes (the overlapping-file bomb) and entries outside the file', () => {
    const one = rawZip([{ name: 'a', stored: strToU8('hello'), method: 0, declaredSize: 5 }]);
    // Duplicate the central directory record so two entries point at the same local header.
    const v = new DataView(one.buffer);
    const cdStart = v.getUint32(one.length - 6, true);
    const cd = one.subarray(cdStart, one.length - 22);
    const twice = new Uint8Array(cdStart + 2 * cd.length + 22);
    twice.set(one.subarray(0, cdStart + cd.length));
    twice.set(cd, cdStart + cd.length);
    twice.set(one.subarray(one.length - 22), cdStart + 2 * cd.length);
    const tv = new DataView(twice.buffer);
    tv.setUint16(twice.length - 12, 2, true);
    tv.setUint16(twice.length - 14, 2, true);
    tv.setUint32(twice.length - 10, 2 * cd.length, true);
    expect(() => listZipEntries(twice)).toThrow(/overlap/);
    const outside = one.slice();
    new DataView(outside.buffer).setUint32(cdStart + 20, 1 << 30, true);
    expect(() => listZipEntries(outside)).toThrow(ZipProblem);
  });

  it('still reads the real fixtures unchanged', async () => {
    const keras = new Uint8Array(readFileSync(fixturePath('digits_mlp', 'model.keras')));
    const g = await readKerasZip(keras);
    expect(g.ops.length).toBeGreaterThan(0);
    const npz = parseNpz(new Uint8Array(readFileSync(fixturePath('npy', 'xy_compressed.npz'))));
    expect(Object.keys(npz).sort()).toEqual(['x', 'y']);
  });
});

describe('.npz and .npy with huge shapes', () => {
  it('refuses a 2 MB .npz whose array inflates to 330 MB, before inflating it', async () => {
    const header = npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (82500000,), }");
    const npz = rawZip([{ name: 'x.npy', stored: zeroBomb(330_000_000, header), method: 8, declaredSize: 330_000_000 }]);
    expect(npz.length).toBeLessThan(2.2e6);
    expect(inflateSync(zeroBomb(100_000, header)).subarray(0, header.length)).toEqual(header); // a real .npy inside
    let e: TinyDeployError | undefined;
    const grew = await rssGrowth(async () => { e = await refusal(() => parseDataset(npz, 'huge.npz')); });
    expect(e?.code).toBe(ErrorCode.DatasetMalformed);
    expect(e?.message).toMatch(/huge\.npz .*entry "x\.npy" declares 314\.7 MiB uncompressed, over the 256\.0 MiB limit/);
    expect(grew).toBeLessThan(100 * 1024 ** 2);
  });

  it('refuses a .npy header declaring 10^12 elements from its size alone', () => {
    const e = (() => { try { parseNpy(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"), 'x.npy'); } catch (err) { return err as TinyDeployError; } return undefined; })();
    expect(e?.code).toBe(ErrorCode.DatasetMalformed);
    expect(e?.message).toMatch(/x\.npy .*truncated/);
  });

  it('refuses a real 40 MB uint8 array whose float copies would pass the memory budget, naming it and its shape', () => {
    const npy = npyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (40000000,), }", new Uint8Array(40_000_000));
    const e = (() => { try { parseNpy(npy, 'big.npy'); } catch (err) { return err as TinyDeployError; } return undefined; })();
    expect(e?.code).toBe(ErrorCode.DatasetMalformed);
    expect(e?.message).toMatch(/big\.npy: the array of shape \(40000000\) .* over the 256 MiB memory budget/);
  });

  it('an ordinary savez archive built in memory still parses', () => {
    const x = npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new Uint8Array(Float32Array.of(1, 2, 3, 4).buffer));
    const y = npyFile("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(BigInt64Array.of(0n, 1n).buffer));
    const ds = parseDataset(zipSync({ 'x.npy': x, 'y.npy': y }), 'ok.npz');
    expect(Array.from(ds.features)).toEqual([1, 2, 3, 4]);
    expect(Array.from(ds.labels)).toEqual([0, 1]);
  });
});
