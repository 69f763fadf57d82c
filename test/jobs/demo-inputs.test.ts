// What a deployed board streams by itself: hello_world gets an ordered sweep over x in [0, 2π] whose outputs trace
// sin x; a wider input gets validation rows of its dataset (or seeded random), few enough for the Uno's flash.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, readTflite, reshapeFeatures } from '../../core/formats/index.js';
import { demoInputs, SWEEP_POINTS } from '../../core/jobs/demo-inputs.js';
import { tensorParams } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { renderSketch } from '../../core/sketch/index.js';
import { boardById } from '../../core/boards/index.js';
import { REPO_ROOT } from '../support/tools.js';

const fixture = (...p: string[]): string => path.join(REPO_ROOT, 'test', 'fixtures', ...p);
const sine = readTflite(new Uint8Array(readFileSync(fixture('sine', 'int8.tflite'))));

/** The board's float outputs for these vectors, through the bit-exact reference interpreter. */
function outputs(vectors: Int8Array[]): number[] {
  const run = createInterpreter(sine);
  const out = sine.tensors[sine.outputs[0]!]!;
  const { scale, zeroPoint } = tensorParams(out.quant, 'output');
  return vectors.map((v) => ((run.run([v])[0] as Int8Array)[0]! - zeroPoint) * scale);
}

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0; let aa = 0; let bb = 0;
  a.forEach((x, i) => { ab += (x - ma) * (b[i]! - mb); aa += (x - ma) ** 2; bb += (b[i]! - mb) ** 2; });
  return ab / Math.sqrt(aa * bb);
}

describe('demo inputs', () => {
  it('hello_world with its dataset: 48–64 increasing x over [0, 2π], and the board draws sin x', async () => {
    const ds = reshapeFeatures(await loadDataset(fixture('data', 'sine.csv')), [1]);
    const d = demoInputs(sine, ds);
    expect(d.from).toBe('sweep-dataset');
    expect(d.inputs.length).toBeGreaterThanOrEqual(48);
    expect(d.inputs.length).toBeLessThanOrEqual(SWEEP_POINTS);
    const xs = d.sweep!;
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
    const { scale } = tensorParams(sine.tensors[sine.inputs[0]!]!.quant, 'input');
    expect(xs[0]!).toBeLessThan(scale);
    expect(xs[xs.length - 1]!).toBeGreaterThan(2 * Math.PI - 2 * scale);
    expect(correlation(outputs(d.inputs), xs.map(Math.sin))).toBeGreaterThan(0.95);
  });

  it('hello_world without a dataset sweeps the int8 range, which the calibration put over [0, 2π]', () => {
    const d = demoInputs(sine);
    expect(d.from).toBe('sweep-int8');
    expect(Array.from(d.inputs, (v) => v[0])).toEqual([...Array.from(d.inputs, (v) => v[0]!)].sort((a, b) => a - b));
    expect(d.inputs[0]![0]).toBe(-128);
    expect(d.inputs[d.inputs.length - 1]![0]).toBe(127);
    expect(correlation(outputs(d.inputs), d.sweep!.map(Math.sin))).toBeGreaterThan(0.95);
  });

  it('a 64-input model: rows of the validation split quantized, or seeded random, within 2 KiB of flash', async () => {
    const digits = readTflite(new Uint8Array(readFileSync(fixture('digits_mlp', 'int8.tflite'))));
    const ds = reshapeFeatures(await loadDataset(fixture('data', 'digits.csv')), [64]);
    const fromData = demoInputs(digits, ds);
    expect(fromData.from).toBe('dataset');
    expect(fromData.sweep).toBeUndefined();
    expect(fromData.inputs.length * 64).toBeLessThanOrEqual(2048);
    expect(fromData.inputs.length).toBeGreaterThan(1);
    // Real digits have blank borders: pixel 0 is the input's zero, unlike random bytes.
    const { zeroPoint } = tensorParams(digits.tensors[digits.inputs[0]!]!.quant, 'input');
    expect(fromData.inputs.every((v) => v[0] === zeroPoint)).toBe(true);
    const random = demoInputs(digits);
    expect(random.from).toBe('random');
    expect(demoInputs(digits).inputs).toEqual(random.inputs);
    expect(random.inputs).not.toEqual(fromData.inputs);
  });

  it('the sketch keeps the sweep in flash (TD_FLASH, PROGMEM on AVR) in the order given', () => {
    const d = demoInputs(sine);
    const sketch = renderSketch({ model: sine, tflite: readFileSync(fixture('sine', 'int8.tflite')), board: boardById('uno')!, demoVectors: d.inputs, name: 'sine_demo' });
    const text = [...sketch.files].find(([f]) => f.endsWith('_demo.c'))?.[1] ?? '';
    expect(text).toMatch(/_demo_data\[[^\]]+\] TD_FLASH =/);
    expect(text).toContain(`${d.inputs.length} vector(s) of 1 int8 values`);
    const values = [...text.matchAll(/\/\* vector \d+ \*\/\s*\n\s*(-?\d+)/g)].map((m) => Number(m[1]));
    expect(values).toEqual(d.inputs.map((v) => v[0]));
    const fixedpoint = readFileSync(path.join(REPO_ROOT, 'native', 'kernels', 'td_fixedpoint.h'), 'utf8');
    expect(fixedpoint).toMatch(/#define TD_FLASH PROGMEM/);
  });
});
