// `tinydeploy compress`: writes the int8 .tflite and the JSON report; bad arguments give errors that say what to write.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { main } from '../../core/cli/main.js';
import { parseCompressArgs } from '../../core/cli/compress-args.js';
import type { CompressionReport } from '../../core/compress/report.js';
import { readTflite } from '../../core/formats/index.js';
import { fixturePath } from '../support/fixtures.js';

const out = mkdtempSync(path.join(tmpdir(), 'td-compress-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('tinydeploy compress', () => {
  it('quantizes the sine fixture, writes model.int8.tflite and report.json', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await main(['compress', fixturePath('sine', 'model.keras'), '--data', fixturePath('data', 'sine.csv'),
      '--quantize', 'int8', '--out', out, '--json']);
    log.mockRestore();
    expect(code).toBe(0);
    const model = readTflite(readFileSync(path.join(out, 'model.int8.tflite')));
    expect(model.tensors[model.inputs[0]!]!.dtype).toBe('int8');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as CompressionReport;
    expect(report.metricName).toBe('rmse');
    expect(report.variants.map((v) => v.kind)).toEqual(['original', 'quantize']);
    const [orig, int8] = report.variants;
    expect(int8!.weightBytes).toBeLessThan(orig!.weightBytes / 3);
    expect(int8!.deltas.weightBytes).toBe(int8!.weightBytes - orig!.weightBytes);
    expect(int8!.metric).toBeLessThan(orig!.metric * 1.2);
    expect(readFileSync(path.join(out, 'report.txt'), 'utf8')).toMatch(/int8/);
  });

  it('explains a bad --prune value and how to write it', () => {
    const err = (() => { try { parseCompressArgs(['m.keras', '--data', 'd.csv', '--out', 'o', '--prune', 'foo']); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(TinyDeployError);
    expect((err as TinyDeployError).code).toBe(ErrorCode.InvalidArgument);
    expect((err as TinyDeployError).message).toContain('--prune "foo"');
    expect((err as TinyDeployError).advice).toContain('structured:0.5');
  });

  it.each([
    [['m.keras', '--out', 'o', '--quantize', 'int8'], /--data is missing/],
    [['m.keras', '--data', 'd.csv', '--out', 'o'], /nothing to do/],
    [['m.keras', '--data', 'd.csv', '--out', 'o', '--prune', 'structured:1.5'], /between 0 and 1/],
    [['m.keras', '--data', 'd.csv', '--out', 'o', '--distill', 'depth:2'], /--distill "depth:2"/],
    [['m.keras', '--data', 'd.csv', '--out', 'o', '--quantize', 'int4'], /--quantize "int4"/],
    [['m.keras', '--data', 'd.csv', '--out', 'o', '--quantize'], /--quantize needs a value/],
    [['m.keras', '--bogus', '1'], /unknown option --bogus/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCompressArgs(args)).toThrow(message);
  });

  it('prints the error and returns 2 through the command table', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const code = await main(['compress', 'm.keras', '--data', 'd.csv', '--out', out, '--prune', 'foo']);
    const printed = err.mock.calls.flat().join('\n');
    err.mockRestore();
    expect(code).toBe(2);
    expect(printed).toContain('structured:<ratio>');
  });
});
