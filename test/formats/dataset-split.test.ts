// Splits are reproducible (same seed → same rows), partition the data exactly, and stratify when asked.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import { loadDataset, seededRandom, splitDataset, type Dataset } from '../../core/formats/dataset/index.js';
import { fixturePath } from '../support/fixtures.js';

const digits = await loadDataset(fixturePath('data', 'digits.csv'));
const parts = { train: 0.7, val: 0.15, test: 0.15 };

function classShare(ds: Dataset, label: number): number {
  return ds.labels.filter((l) => l === label).length / ds.rows;
}

describe('splitDataset', () => {
  it('gives the same rows for the same seed and different rows for another seed', () => {
    const a = splitDataset(digits, { ...parts, seed: 42 });
    const b = splitDataset(digits, { ...parts, seed: 42 });
    const c = splitDataset(digits, { ...parts, seed: 43 });
    expect(a.indices).toEqual(b.indices);
    expect(a.indices.test).not.toEqual(c.indices.test);
    expect([...a.test.features]).toEqual([...b.test.features]);
  });

  it('uses every row exactly once, in the asked proportions', () => {
    const s = splitDataset(digits, { ...parts, seed: 1 });
    const all = [...s.indices.train, ...s.indices.val, ...s.indices.test].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: digits.rows }, (_, i) => i));
    expect(s.test.rows).toBe(Math.round(digits.rows * 0.15));
    expect(s.val.rows).toBe(Math.round(digits.rows * 0.15));
    expect(s.train.rows + s.val.rows + s.test.rows).toBe(digits.rows);
  });

  it('carries each row\'s features and label along', () => {
    const s = splitDataset(digits, { ...parts, seed: 9 });
    const r = s.indices.val[3]!;
    expect([...s.val.features.subarray(3 * 64, 4 * 64)]).toEqual([...digits.features.subarray(r * 64, (r + 1) * 64)]);
    expect(s.val.labels[3]).toBe(digits.labels[r]);
  });

  it('stratified: each class keeps its share in every part (within one row)', () => {
    const s = splitDataset(digits, { ...parts, seed: 5, stratify: true });
    for (let k = 0; k < 10; k++) {
      const n = digits.labels.filter((l) => l === k).length;
      const inTest = s.test.labels.filter((l) => l === k).length;
      expect(Math.abs(inTest - n * 0.15)).toBeLessThanOrEqual(1);
      expect(Math.abs(classShare(s.train, k) - classShare(digits, k))).toBeLessThan(0.01);
    }
    expect(splitDataset(digits, { ...parts, seed: 5, stratify: true }).indices).toEqual(s.indices);
  });

  it.each([
    [{ train: 0.8, val: 0.3, test: 0.1, seed: 1 }, /add up to 1/],
    [{ train: 1.2, val: -0.1, test: -0.1, seed: 1 }, /in \[0, 1\]/],
    [{ train: 0.8, val: 0.1, test: 0.1, seed: 1.5 }, /integer/],
  ])('refuses %j', (options, message) => {
    expect(() => splitDataset(digits, options)).toThrow(message);
    try { splitDataset(digits, options); } catch (e) { expect((e as { code: number }).code).toBe(ErrorCode.InvalidArgument); }
  });

  it('refuses to stratify regression targets', () => {
    const ds: Dataset = { features: new Float32Array(4), labels: Float32Array.of(0.5, 1.5, 2.5, 3.5), rows: 4, featureShape: [1] };
    expect(() => splitDataset(ds, { ...parts, seed: 1, stratify: true })).toThrow(/needs class labels/);
  });

  it('the seeded generator is uniform enough to shuffle fairly', () => {
    const rand = seededRandom(123);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20000; i++) buckets[Math.floor(rand() * 10)]! += 1;
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });
});
