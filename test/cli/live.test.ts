// `tinydeploy deploy | monitor | validate` run as a user runs them (spawned bin/tinydeploy.js), against the
// host-built protocol board (test/device/fixtures) and the simulated Cortex-M4F.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelHash } from '../../core/device/protocol/index.js';
import { randomInputs } from '../../core/device/validate.js';
import { startVirtualBoard, type VirtualBoard } from '../../core/device/virtual/index.js';
import { readTflite } from '../../core/formats/index.js';
import { buildMps2ProtocolFirmware } from '../../core/jobs/mps2-firmware.js';
import { startFakeBoard } from '../device/support/fake-board.js';
import { onPath, sharedModel, tierAvailable } from '../support/tools.js';
import { cli as runCli } from './run-cli.js';

const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(args);

const jsonLines = (text: string): Array<Record<string, unknown>> => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe.skipIf(!tierAvailable('native', [onPath('gcc')]))('tinydeploy monitor', () => {
  it('--json --count 5: the hello, RAM statistics, five results and the session figures, one JSON object per line', async () => {
    const board = await startFakeBoard(20);
    try {
      const r = await cli('monitor', '--port', board.port, '--json', '--count', '5');
      expect(r.code).toBe(0);
      const lines = jsonLines(r.stdout);
      expect(lines.find((l) => l.type === 'hello')).toMatchObject({ model: 'fake_model', labels: ['up', 'down', 'still'] });
      expect(lines.find((l) => l.type === 'ram')).toMatchObject({ freeBytes: 1000, total: 2048 });
      expect(lines.filter((l) => l.type === 'result').length).toBeGreaterThanOrEqual(5);
      expect(lines.at(-1)).toMatchObject({ type: 'stats', lostLines: 0 });
      expect((lines.at(-1)!.results as number)).toBeGreaterThanOrEqual(5);
    } finally {
      await board.stop();
    }
  }, 60_000);

  it('refuses a missing --port and a bad --count with the synopsis', async () => {
    const r = await cli('monitor', '--count', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port is missing|--count must be/);
    expect(r.stderr).toMatch(/tinydeploy monitor --port/);
  });
});

const sim = tierAvailable('sim', [onPath('qemu-system-arm'), onPath('arm-none-eabi-gcc')]);

describe.skipIf(!sim)('tinydeploy deploy and validate on the simulated Cortex-M4F', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => { for (const c of cleanup.reverse()) await c(); });

  it('deploy --once --json: progress through every stage, then the first live result', async () => {
    const r = await cli('deploy', sharedModel('micro_speech_quantized.tflite'), '--board', 'simulated-m4f', '--labels', 'silence,unknown,yes,no', '--once', '--json');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.filter((l) => l.type === 'progress').map((l) => l.stage)).toEqual(expect.arrayContaining(['import', 'fit', 'compile', 'upload', 'connect', 'done']));
    expect(lines.find((l) => l.type === 'deployed')).toMatchObject({ board: 'cortex-m4f-sim' });
  }, 120_000);

  it('validate: 8/8 byte-exact (exit 0); the wrong model is refused (exit 2)', async () => {
    const bytes = await readFile(sharedModel('micro_speech_quantized.tflite'));
    const graph = readTflite(bytes);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'td-cli-validate-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const fw = await buildMps2ProtocolFirmware({ graph, modelName: 'kws', hash: modelHash(bytes), periodMs: 100, demoInputs: randomInputs(graph, 1), outDir: dir });
    const board: VirtualBoard = await startVirtualBoard({ kind: 'cortex-m4f', firmware: fw.elf });
    cleanup.push(() => board.stop());
    const ok = await cli('validate', '--port', board.port, '--model', sharedModel('micro_speech_quantized.tflite'), '-n', '8', '--json');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ total: 8, equal: 8, agreement: 1, from: 'random', mismatches: [] });
    const wrong = await cli('validate', '--port', board.port, '--model', sharedModel('hello_world_int8.tflite'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not the model given/);
  }, 180_000);
});
