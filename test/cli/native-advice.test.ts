// `tinydeploy native` on a model that is not int8: it says what the file is, hands over the exact compress
// command (which really works on that file), and --estimate sizes it without data, labelled as an estimate.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NativeEstimate } from '../../core/cli/native-estimate.js';
import { fixturePath } from '../support/fixtures.js';
import { sharedModel } from '../support/tools.js';
import { hybridFrom } from '../support/hybrid-model.js';
import { cli, errorLines } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'td-native-advice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hybrid = path.join(dir, 'sine_hybrid.tflite');
writeFileSync(hybrid, hybridFrom(fixturePath('sine', 'float.tflite')).bytes);
const LABEL = '(estimate, accuracy not measured)';

describe('tinydeploy native on a float or hybrid model', () => {
  it.concurrent.each([
    ['float .tflite', fixturePath('sine', 'float.tflite'), /is a float TensorFlow Lite flatbuffer: float32 weights and activations; the native backend \(like TFLite Micro\) runs int8 models only$/],
    ['hybrid .tflite', hybrid, /is a hybrid-quantized TensorFlow Lite flatbuffer: int8 weights with float32 activations \(dynamic-range quantization\); its weights are int8 but its activations float32, which neither the native backend nor TFLite Micro runs$/],
    ['Keras .keras', fixturePath('sine', 'model.keras'), /is a float Keras v3 archive \(\.keras\)/],
    ['TF.js model.json', fixturePath('sine', 'tfjs', 'model.json'), /is a float TF\.js layers model/],
  ])('%s: says what it is and gives the compress command for that very file', async (_kind, file, what) => {
    const run = await cli(['native', file, '--out', path.join(dir, 'never')]);
    expect(run.code).toBe(2);
    const [error, advice] = errorLines(run);
    expect(error).toMatch(what);
    expect(advice).toContain(`tinydeploy compress ${file} --data <your data.csv|.npz> --out <dir> --quantize int8`);
    expect(advice).toContain(`tinydeploy native ${file} --estimate`);
    expect(existsSync(path.join(dir, 'never'))).toBe(false);
  });

  it('the advised command, with the data filled in, quantizes the hybrid model and native then accepts it; --estimate predicted its sizes', async () => {
    const advice = errorLines(await cli(['native', hybrid, '--out', path.join(dir, 'never')]))[1]!;
    const command = /tinydeploy (compress .*? --quantize int8)/.exec(advice)![1]!
      .replace('<your data.csv|.npz>', fixturePath('data', 'sine.csv')).replace('<dir>', path.join(dir, 'q'));
    const compress = await cli(command.split(' '));
    expect(compress.code, compress.stderr).toBe(0);
    expect(compress.stderr).toMatch(/hybrid-quantized TensorFlow Lite flatbuffer/);

    const [native, estimate] = await Promise.all([
      cli(['native', path.join(dir, 'q', 'model.int8.tflite'), '--out', path.join(dir, 'c'), '--json']),
      cli(['native', hybrid, '--estimate', '--json']),
    ]);
    expect(native.code, native.stderr).toBe(0);
    const report = JSON.parse(native.stdout) as { ramBytes: number; weightBytes: number; constantBytes: number };
    const e = JSON.parse(estimate.stdout) as NativeEstimate;
    expect(e.label).toBe('estimate, accuracy not measured');
    // Sizes and the memory plan do not depend on calibration values: the estimate matches the real int8 model.
    expect(e.activationBytes).toBe(report.ramBytes);
    expect(e.flashBytes).toBe(report.weightBytes + report.constantBytes);
    expect(e.boards.find((b) => b.id === 'uno')).toMatchObject({ fits: true, ramLimit: 2048 });
  });

  it('--estimate labels every figure, says accuracy is not measured, and writes nothing', async () => {
    const cwd = path.join(dir, 'estimate');
    mkdirSync(cwd);
    const run = await cli(['native', fixturePath('sine', 'model.h5'), '--estimate'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
    const figures = run.stdout.split('\n').filter((l) => /\d+(\.\d)? (B|KB)\b/.test(l));
    expect(figures.length).toBeGreaterThan(5);
    for (const line of figures) expect(line).toContain(LABEL);
    expect(run.stdout).toMatch(/^accuracy: not measured; for the real int8 model and its accuracy: tinydeploy compress .*model\.h5 --data/m);
  });

  it('--estimate on an int8 model gives exact figures, labelled exact', async () => {
    const run = await cli(['native', sharedModel('hello_world_int8.tflite'), '--estimate', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const e = JSON.parse(run.stdout) as NativeEstimate;
    expect(e.label).toBe('exact');
    expect(e.method).toMatch(/already int8/);
  });
});
