// `tinydeploy inspect` run as a user runs it: spawn bin/tinydeploy.js and read its stdout, stderr and exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectReport } from '../../core/cli/inspect.js';
import { buildRawModel } from '../formats/raw-model.js';
import { fixturePath } from '../support/fixtures.js';
import { sharedModel } from '../support/tools.js';
import { cli as run } from './run-cli.js';

const cli = (...args: string[]) => run(args);

describe('tinydeploy inspect', () => {
  it('--json prints one JSON object listing person_detect\'s 31 ops with totals and inputs', async () => {
    const r = await cli('inspect', sharedModel('person_detect.tflite'), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as InspectReport;
    expect(report.model).toBe('person_detect.tflite');
    expect(report.ops).toHaveLength(31);
    expect(report.ops[2]).toMatchObject({ index: 2, op: 'CONV_2D', outputShapes: [[1, 48, 48, 16]], macs: 48 * 48 * 16 * 8 });
    expect(report.totals.macs).toBe(report.ops.reduce((n, o) => n + o.macs, 0));
    expect(report.inputs).toEqual([expect.objectContaining({ shape: [1, 96, 96, 1], dtype: 'int8' })]);
    expect(report.outputs[0].shape).toEqual([1, 2]);
  });

  it('prints an aligned table with one row per op and a totals row', async () => {
    const r = await cli('inspect', sharedModel('magic_wand_int8.tflite'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const header = lines.findIndex((l) => /^#\s+op\s+inputs/.test(l));
    const rows = lines.slice(header + 2, -1);
    expect(rows.map((l) => l.split(/\s+/)[1])).toEqual(['CONV_2D', 'CONV_2D', 'CONV_2D', 'MEAN', 'FULLY_CONNECTED', 'SOFTMAX']);
    // Aligned: the MACs column ends at the same character in every row.
    const macsEnd = lines[header].indexOf('MACs') + 'MACs'.length;
    expect(rows.every((l) => /\d/.test(l[macsEnd - 1]) && l[macsEnd] === ' ')).toBe(true);
    expect(lines.at(-1)).toMatch(/total\s+24,234\s+701,056/);
  });

  it.each([
    ['model.h5', 'h5', /^detected: float Keras HDF5 \(\.h5\)/],
    ['model.keras', 'keras', /^detected: float Keras v3 archive/],
    ['tfjs/model.json', 'tfjs', /^detected: float TF\.js layers model/],
    ['float.tflite', 'tflite', /^detected: float TensorFlow Lite flatbuffer/],
  ])('reads sine/%s and says it detected %s', async (file, format, detected) => {
    const [table, json] = await Promise.all([cli('inspect', fixturePath('sine', ...file.split('/'))), cli('inspect', fixturePath('sine', ...file.split('/')), '--json')]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[1]).toMatch(detected);
    expect(table.stdout).toMatch(/FULLY_CONNECTED/);
    expect((JSON.parse(json.stdout) as InspectReport).format).toBe(format);
  });

  it('a missing file, a file that is not a model and an unsupported model exit 2 with a one-line error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inspect-'));
    const garbage = path.join(dir, 'garbage.tflite');
    writeFileSync(garbage, 'this is not a flatbuffer at all');
    const svdf = path.join(dir, 'svdf.tflite');
    writeFileSync(svdf, buildRawModel({
      opcodes: [{ builtin: 27 }], tensors: [{ shape: [1], type: 0 }, { shape: [1], type: 0 }],
      ops: [{ opcode: 0, inputs: [0], outputs: [1] }], inputs: [0], outputs: [1],
    }));
    const [missing, broken, unsupported] = await Promise.all([
      cli('inspect', path.join(dir, 'nope.tflite')), cli('inspect', garbage), cli('inspect', svdf, '--json'),
    ]);
    for (const r of [missing, broken, unsupported]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^error: \S/);
    }
    expect(missing.stderr).toMatch(/cannot read model ".*nope\.tflite": no such file/);
    expect(broken.stderr).toMatch(/Malformed .tflite file: the file identifier/);
    expect(unsupported.stderr).toMatch(/cannot run: SVDF\./);
  });
});
