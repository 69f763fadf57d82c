// hello_world end to end on the simulated Uno through arduino-cli: deploy (render → compile → upload through
// optiboot → first live result), RAM statistics, validation 100 %, then faults — garbage on the line, a reset
// mid-stream, the port closed and reopened — and the session recovers with the exact loss count.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../core/api/index.js';
import { BoardSession } from '../../core/device/session.js';
import { randomInputs, validateOnBoard } from '../../core/device/validate.js';
import { vboardDir } from '../../core/device/virtual/index.js';
import { deploy, type DeployResult } from '../../core/jobs/deploy.js';
import { locateArduinoCli } from '../../core/toolchain/index.js';
import { fileExists, sharedModel, tierAvailable, TOOLS_DIR } from '../support/tools.js';
import { noisyFactory, type NoisyTransport } from './support/noisy-transport.js';
import { ARDUINO_TOOL_CHECKS } from '../support/arduino.js';

const run = tierAvailable('sim', [...ARDUINO_TOOL_CHECKS,
  fileExists('the simavr harness (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard'))]);
const TIMEOUT = 45_000;

async function until(cond: () => boolean, what: string, timeoutMs = TIMEOUT): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(run)('deploy hello_world to the simulated Uno', () => {
  let result: DeployResult | undefined;
  let session: BoardSession | undefined;
  afterAll(async () => {
    await session?.stop();
    await result?.session.stop();
    await result?.virtualBoard?.stop();
  });

  it('deploys in one call: progress through every stage, the hello names the model, a live result arrives', async () => {
    const events: ProgressEvent[] = [];
    const cli = await locateArduinoCli({ toolsDir: TOOLS_DIR, searchPath: false });
    result = await deploy({ model: sharedModel('hello_world_int8.tflite'), board: 'simulated-uno', periodMs: 40, cli, onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.stage)).toEqual(expect.arrayContaining(['import', 'fit', 'render', 'compile', 'upload', 'connect', 'done']));
    expect(events.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
    expect(result.hello).toMatchObject({ version: 1, model: expect.stringMatching(/hello_world_int8/), hash: result.model.hash, inShape: [1, 1], outShape: [1, 1], ramTotal: 2048 });
    expect(result.firstResult.scores).toHaveLength(1);
    expect(result.firstResult.scores[0]!.value).toBeGreaterThanOrEqual(-1.5);
    expect(result.firstResult.scores[0]!.value).toBeLessThanOrEqual(1.5);
    expect(result.ram.used).toBeLessThan(1024);
  }, 400_000);

  it('streams results and RAM statistics, and validation on the board agrees 20/20 byte for byte', async () => {
    const s = result!.session;
    const before = s.stats.results;
    const ram = await s.waitFor('ram', () => true, TIMEOUT);
    expect(ram.total).toBe(2048);
    expect(ram.stackUsed).toBeGreaterThan(0);
    expect(ram.freeBytes).toBeGreaterThan(0);
    await until(() => s.stats.results >= before + 5, 'five more results');
    const report = await validateOnBoard({ session: s, graph: result!.model.graph, inputs: randomInputs(result!.model.graph, 20, 3), expectHash: result!.model.hash, timeoutMs: TIMEOUT });
    expect(report.mismatches).toEqual([]);
    expect(report.equal).toBe(20);
    expect(report.agreement).toBe(1);
    await s.waitFor('result', () => true, TIMEOUT); // streaming again
    expect(s.stats.lostLines).toBe(0);
    await s.stop();
  }, 300_000);

  it('recovers from garbage, a reset mid-stream and the port closed and reopened, with the exact loss count', async () => {
    const board = result!.virtualBoard!;
    const made: NoisyTransport[] = [];
    session = new BoardSession({ path: result!.port, createTransport: noisyFactory(made) });
    const s = session;
    await s.start();
    await s.waitForHello(TIMEOUT);
    await until(() => s.stats.results >= 3, 'first results');

    // Garbage, six times, wherever it lands: the lines it touches are lost, no more (garbage that ends in a line
    // end and falls between two lines costs nothing).
    const garbage = [Buffer.from([0x00, 0xff, 0x55, 0x0d, 0x0a, 0x41, 0x2a, 0x13]), Buffer.from('\u0007noise *3F\r\n'), Buffer.from([0xfe])];
    for (let i = 0; i < 6; i++) {
      made.at(-1)!.inject(garbage[i % 3]!);
      const n = s.stats.results;
      await until(() => s.stats.results >= n + 2, 'results after garbage');
    }
    const split = made.at(-1)!.touched.reduce((a, b) => a + b, 0);
    expect(split).toBeGreaterThanOrEqual(2); // two of the three kinds touch a line unless they land inside a \r\n
    console.log(`[deploy-uno] garbage touched ${made.at(-1)!.touched.join(',')}; lost ${s.stats.lostLines}`);
    expect(s.stats.lostLines).toBe(split);

    // The reset button, mid-stream: hello #0 again, nothing counted lost across it.
    const resetsBefore = s.stats.resets;
    const rebooted = s.waitFor('hello', (h) => h.seq === 0, TIMEOUT);
    await board.reset();
    await rebooted;
    expect(s.stats.resets).toBe(resetsBefore + 1);
    expect(s.stats.lostLines).toBe(split);
    const n = s.stats.results;
    await until(() => s.stats.results >= n + 3, 'results after the reset');

    // The port closed and reopened (as an upload or another program would): opening resets the Uno.
    await s.release();
    expect(s.state).toBe('released');
    const again = s.waitFor('hello', (h) => h.seq === 0, 8_000);
    s.resume();
    try {
      await again;
    } catch {
      // The simulated Uno can miss the reset on open (vboard fix pending): press reset as a student would.
      console.warn('[deploy-uno] the simulated Uno missed the reset on reopening its port; pressing reset');
      const pressed = s.waitFor('hello', (h) => h.seq === 0, TIMEOUT);
      await board.reset();
      await pressed;
    }
    expect(s.state).toBe('open');
    const m = s.stats.results;
    await until(() => s.stats.results >= m + 3, 'results after reopening');
    expect(s.stats.lostLines).toBe(split);
    expect(s.stats.rawLines).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
