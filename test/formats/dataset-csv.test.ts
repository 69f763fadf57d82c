// CSV datasets: the fixtures' files load with their recorded sizes; every kind of broken file names line and column.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { classCount, type CsvOptions, loadDataset, parseCsv, parseDataset, reshapeFeatures, rowFeatures, sliceRows } from '../../core/formats/dataset/index.js';
import { fixturePath, loadAnchor } from '../support/fixtures.js';

function csvError(text: string, options: CsvOptions = {}): TinyDeployError {
  try {
    parseCsv(text, { name: 'data.csv', ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(TinyDeployError);
    return e as TinyDeployError;
  }
  throw new Error('expected an error');
}

describe('fixture CSV files', () => {
  it.each(['sine', 'digits', 'cancer'] as const)('%s loads with the rows, features and classes anchor.json records', async (name) => {
    const meta = loadAnchor().datasets[name];
    const ds = await loadDataset(fixturePath(meta.file));
    expect(ds.rows).toBe(meta.rows);
    expect(ds.featureShape).toEqual([meta.features]);
    expect(ds.labelName).toBe('label');
    if (meta.classes !== null) expect(classCount(ds)).toBe(meta.classes);
    const test = sliceRows(ds, ...meta.split.test);
    expect(test.rows).toBe(meta.split.test[1] - meta.split.test[0]);
  });

  it('digits rows reshape to 8×8×1 images with pixel values in [0, 1]', async () => {
    const ds = reshapeFeatures(await loadDataset(fixturePath('data', 'digits.csv')), [8, 8, 1]);
    const px = rowFeatures(ds, 5);
    expect(px.length).toBe(64);
    expect(Math.min(...px)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...px)).toBeLessThanOrEqual(1);
    expect(() => reshapeFeatures(ds, [8, 8, 2])).toThrow(/Cannot view rows of 64 features/);
  });
});

describe('parseCsv', () => {
  it('reads numbers, picks the label column by name wherever it is, and tolerates CRLF, a BOM and blank lines', () => {
    const ds = parseCsv('\uFEFFa,label,b\r\n1,0,2.5\r\n\r\n-3,1,4e2\r\n');
    expect(ds.rows).toBe(2);
    expect([...ds.features]).toEqual([1, 2.5, -3, 400]);
    expect([...ds.labels]).toEqual([0, 1]);
    expect(ds.featureNames).toEqual(['a', 'b']);
  });

  it('turns text labels into class indices in name order and keeps the names', () => {
    const ds = parseCsv('x,species\n1,versicolor\n2,setosa\n3,versicolor\n', { labelColumn: 'species' });
    expect(ds.classNames).toEqual(['setosa', 'versicolor']);
    expect([...ds.labels]).toEqual([1, 0, 1]);
  });

  it('takes the last column as the label when no column is called label/target/class/y', () => {
    const ds = parseCsv('f1,f2,out\n1,2,3\n');
    expect(ds.labelName).toBe('out');
    expect([...ds.features]).toEqual([1, 2]);
  });

  it('handles quoted cells with commas and doubled quotes', () => {
    const ds = parseCsv('"a,b","say ""hi""",label\n1,2,0\n');
    expect(ds.featureNames).toEqual(['a,b', 'say "hi"']);
  });

  it.each<[string, string, RegExp, CsvOptions?]>([
    ['a ragged row', 'a,b,label\n1,2,0\n1,2\n', /line 3: 2 cells, but the header has 3 columns/],
    ['an extra cell', 'a,b,label\n1,2,0,9\n', /line 2: 4 cells/],
    ['a non-numeric cell', 'a,b,label\n1,2,0\n1,x7,1\n', /line 3, column "b": "x7" is not a number/],
    ['an empty cell', 'a,b,label\n1,,0\n', /line 2, column "b": "" is not a number/],
    ['an empty file', '\n\n', /is empty/],
    ['only a header', 'a,b,label\n', /no data rows/],
    ['a duplicate column', 'a,a,label\n1,2,3\n', /"a" appears twice/],
    ['an unnamed column', 'a,,label\n1,2,3\n', /column 2 has no name/],
    ['an unclosed quote', 'a,label\n"1,0\n', /line 2: a quoted cell is not closed/],
    ['a missing label column', 'a,b\n1,2\n', /no label column "target"/, { labelColumn: 'target' }],
    ['only a label column', 'label\n1\n', /only the label column/],
    ['binary content', 'a,label\n1\u0000,2\n', /not a text file/],
    ['an empty label among text labels', 'a,label\n1,cat\n2,\n', /empty label/],
  ])('%s', (_, text, message, options = {}) => {
    const err = csvError(text, options);
    expect(err.code).toBe(ErrorCode.DatasetMalformed);
    expect(err.message).toMatch(message);
    expect(err.message).toContain('data.csv');
    expect(err.advice).toBeTruthy();
  });

  it('random garbage gives a dataset or a DatasetMalformed error, never another exception', () => {
    let seed = 3;
    const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
    const alphabet = '0123456789,,,\n\n"-.eEx \r';
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: Math.floor(rand() * 80) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      try { parseCsv(text); } catch (e) {
        expect(e).toBeInstanceOf(TinyDeployError);
        expect((e as TinyDeployError).code).toBe(ErrorCode.DatasetMalformed);
      }
    }
  });

  it('parseDataset refuses an unknown extension', () => {
    expect(() => parseDataset(new Uint8Array([1, 2, 3]), 'data.xlsx')).toThrow(/not supported/);
  });
});
