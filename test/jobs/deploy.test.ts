// The deploy job's refusals come before anything is compiled, with the numbers and what to try; a float model is
// quantized on the way with --data, deployed to the simulated M4F, and validated there with accuracy.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError, type ProgressEvent } from '../../core/api/index.js';
import { validateOnBoard } from '../../core/device/validate.js';
import { deploy } from '../../core/jobs/deploy.js';
import { fitReport } from '../../core/jobs/fit-check.js';
import { validationInputs } from '../../core/jobs/validation-inputs.js';
import { boardById } from '../../core/boards/index.js';
import { readTflite } from '../../core/formats/index.js';
import { readFileSync } from 'node:fs';
import { onPath, REPO_ROOT, sharedModel, tierAvailable } from '../support/tools.js';

const fixture = (...p: string[]): string => path.join(REPO_ROOT, 'test', 'fixtures', ...p);

async function refusal(req: Parameters<typeof deploy>[0]): Promise<{ err: TinyDeployError; stages: string[] }> {
  const events: ProgressEvent[] = [];
  try {
    const r = await deploy({ ...req, onProgress: (e) => events.push(e) });
    await r.session.stop();
    await r.virtualBoard?.stop();
  } catch (err) {
    expect(err).toBeInstanceOf(TinyDeployError);
    return { err: err as TinyDeployError, stages: events.map((e) => e.stage) };
  }
  throw new Error('deploy succeeded');
}

describe('deploy refuses early, with advice', () => {
  it('a model too big for the board: the RAM numbers, what to try, and nothing compiled', async () => {
    const { err, stages } = await refusal({ model: sharedModel('person_detect.tflite'), board: 'simulated-uno' });
    expect(err.code).toBe(ErrorCode.ModelTooLarge);
    expect(err.message).toMatch(/needs about \d+ B of RAM \(activations \d+ B \+ the sketch\) but the Arduino Uno \(simulated\) has 2048 B/);
    expect(err.advice).toMatch(/--prune structured/);
    expect(err.advice).toMatch(/bigger board: \S+/);
    expect(stages).not.toContain('compile');
    expect(stages).not.toContain('render');
  });

  it('fits hello_world on the Uno and the person detector on none of the AVRs', () => {
    const hello = readTflite(readFileSync(sharedModel('hello_world_int8.tflite')));
    const uno = boardById('uno')!;
    const r = fitReport(hello, uno);
    expect(r.fits).toBe(true);
    expect(r.ramNeeded).toBeLessThan(uno.ramBytes);
    const person = readTflite(readFileSync(sharedModel('person_detect.tflite')));
    expect(fitReport(person, boardById('mega2560')!).fits).toBe(false);
  });

  it('a float model without --quantize, and --quantize without data', async () => {
    const float = await refusal({ model: fixture('digits_mlp', 'float.tflite'), board: 'simulated-m4f' });
    expect(float.err.code).toBe(ErrorCode.ModelUnsupportedType);
    expect(float.err.advice).toMatch(/--quantize int8 --data/);
    const noData = await refusal({ model: fixture('digits_mlp', 'float.tflite'), board: 'simulated-m4f', quantize: 'int8' });
    expect(noData.err.code).toBe(ErrorCode.InvalidArgument);
    expect(noData.err.advice).toMatch(/--data/);
  });

  it('an unknown board, and a real board without a port', async () => {
    expect((await refusal({ model: sharedModel('hello_world_int8.tflite'), board: 'uno-deluxe' })).err.message).toMatch(/unknown board "uno-deluxe"/);
    const noPort = await refusal({ model: sharedModel('hello_world_int8.tflite'), board: 'uno' });
    expect(noPort.err.message).toMatch(/--port is needed/);
    expect(noPort.stages).toEqual([]);
  });

  it('cancellation stops it between stages', async () => {
    const controller = new AbortController();
    const events: ProgressEvent[] = [];
    const run = deploy({
      model: sharedModel('hello_world_int8.tflite'), board: 'simulated-m4f', signal: controller.signal,
      onProgress: (e) => { events.push(e); if (e.stage === 'fit') controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    expect(events.map((e) => e.stage)).not.toContain('compile');
  });
});

const sim = tierAvailable('sim', [onPath('qemu-system-arm'), onPath('arm-none-eabi-gcc')]);

describe.skipIf(!sim)('deploy a float model with --quantize int8 to the simulated M4F', () => {
  it('quantizes with the dataset, streams, and validates byte-exact with the dataset\'s accuracy', async () => {
    const r = await deploy({
      model: fixture('digits_mlp', 'model.keras'), board: 'simulated-m4f', quantize: 'int8', data: fixture('data', 'digits.csv'), periodMs: 50,
    });
    try {
      expect(r.model.quantized).toBe(true);
      expect(r.hello.hash).toBe(r.model.hash);
      expect(r.firstResult.scores).toHaveLength(10);
      const { inputs, labels } = validationInputs(r.model.graph, 40, r.model.dataset);
      expect(labels).toHaveLength(40);
      const report = await validateOnBoard({ session: r.session, graph: r.model.graph, inputs, labels: labels!, expectHash: r.model.hash });
      expect(report.equal).toBe(40);
      expect(report.accuracy).toBe(report.hostAccuracy);
      expect(report.accuracy!).toBeGreaterThan(0.8); // a trained digits classifier, quantized: far above chance
    } finally {
      await r.session.stop();
      await r.virtualBoard?.stop();
    }
  }, 240_000);
});
