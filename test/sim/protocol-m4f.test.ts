// magic_wand and micro_speech on the simulated Cortex-M4F with the protocol firmware (native/targets/mps2-an386
// + native/protocol): live results stream, RAM statistics arrive, and validation on the board agrees 100 %.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BoardSession } from '../../core/device/session.js';
import { modelHash } from '../../core/device/protocol/index.js';
import { randomInputs, validateOnBoard } from '../../core/device/validate.js';
import { startVirtualBoard, type VirtualBoard } from '../../core/device/virtual/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { buildMps2ProtocolFirmware } from '../../core/jobs/mps2-firmware.js';
import { onPath, sharedModel, tierAvailable } from '../support/tools.js';

const available = tierAvailable('sim', [onPath('qemu-system-arm'), onPath('arm-none-eabi-gcc')]);

// magic_wand here is the digit-stroke variant (32x32x3 → 10 classes) and ships no label names: y1 … y10.
const CASES: Array<{ model: string; labels?: string[]; names: string[] }> = [
  { model: 'magic_wand_int8', names: Array.from({ length: 10 }, (_, i) => `y${i + 1}`) },
  { model: 'micro_speech_quantized', labels: ['silence', 'unknown', 'yes', 'no'], names: ['silence', 'unknown', 'yes', 'no'] },
];

describe.skipIf(!available)('protocol firmware on the simulated Cortex-M4F', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  for (const c of CASES) {
    it(`${c.model}: hello, live results, RAM statistics, validation 20/20 byte-exact`, async () => {
      const bytes = await readFile(sharedModel(`${c.model}.tflite`));
      const graph = readTflite(bytes);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'td-proto-m4f-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      const fw = await buildMps2ProtocolFirmware({
        graph, modelName: c.model, hash: modelHash(bytes), ...(c.labels ? { labels: c.labels } : {}), periodMs: 50,
        demoInputs: randomInputs(graph, 3, 99), outDir: dir,
      });
      expect(fw.warnings).toBe('');
      const board: VirtualBoard = await startVirtualBoard({ kind: 'cortex-m4f', firmware: fw.elf });
      cleanup.push(() => board.stop());
      const session = new BoardSession({ path: board.port, helloRetryMs: 700 });
      cleanup.push(() => session.stop());
      await session.start();

      const hello = await session.waitForHello(15_000);
      expect(hello).toMatchObject({ board: 'cortex-m4f-sim', model: c.model, hash: modelHash(bytes), labels: c.labels ?? null, backend: 'native', ramTotal: 4_194_304, periodMs: 50 });
      expect(hello.actBytes).toBe(fw.model.plan.arenaBytes);
      const results = [await session.waitFor('result'), await session.waitFor('result'), await session.waitFor('result')];
      for (const r of results) {
        expect(r.scores.map((s) => s.label)).toEqual(c.names);
        expect(c.names).toContain(r.top);
        expect(r.latencyUs).toBeGreaterThan(0);
      }
      const ram = await session.requestRam();
      expect(ram.actBytes).toBe(fw.model.plan.arenaBytes);
      expect(ram.stackUsed).toBeGreaterThan(64);
      expect(ram.stackUsed).toBeLessThan(65536);
      expect(ram.freeBytes).toBeGreaterThan(0);
      expect(ram.freeBytes).toBeLessThan(4_194_304);

      const report = await validateOnBoard({ session, graph, inputs: randomInputs(graph, 20, 7), expectHash: modelHash(bytes) });
      expect(report.mismatches).toEqual([]);
      expect(report.equal).toBe(20);
      expect(report.agreement).toBe(1);
      await session.waitFor('result'); // streaming again after validation
      const other = readTflite(await readFile(sharedModel('hello_world_int8.tflite')));
      await expect(validateOnBoard({ session, graph: other, inputs: randomInputs(other, 2) })).rejects.toThrow(/not the model given/);
      expect(session.stats.lostLines).toBe(0);
    }, 180_000);
  }
});
