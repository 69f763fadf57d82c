// End to end: arduino-cli compiles a sketch, `arduino-cli upload` writes it into the simulated Uno through optiboot,
// and the app's serial layer reads the line that only this freshly built firmware prints.
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startVirtualBoard, vboardDir, type VirtualBoard } from '../../core/device/virtual/index.js';
import { boardById, SIMULATED_UNO_ID } from '../../core/boards/index.js';
import type { ProgressEvent } from '../../core/api/index.js';
import { compileSketch, locateArduinoCli, uploadSketch } from '../../core/toolchain/index.js';
import { fileExists, tierAvailable, TOOLS_DIR } from '../support/tools.js';
import { ARDUINO_TOOL_CHECKS, copySketch, tempBuildDir } from './toolchain-support.js';
import { openLines, waitForBootLine } from './virtual-helpers.js';

const run = tierAvailable('sim', [
  ...ARDUINO_TOOL_CHECKS,
  fileExists('the simavr harness (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard')),
]);
// Simulated time runs slower than real time on a loaded machine.
const LINE_TIMEOUT = 30_000;

describe.runIf(run)('arduino-cli upload into the simulated Uno', () => {
  const boards: VirtualBoard[] = [];
  afterAll(async () => {
    await Promise.all(boards.map((b) => b.stop()));
  });

  it('flashes a fresh build through the bootloader and the sketch\'s output arrives', async () => {
    const cli = await locateArduinoCli({ toolsDir: TOOLS_DIR, searchPath: false });
    const sketchDir = copySketch('TdHello');
    const token = randomInt(1, 2 ** 31);
    const built = await compileSketch(cli, {
      sketchDir, fqbn: 'arduino:avr:uno', buildDir: tempBuildDir(), buildProperties: [`build.extra_flags=-DTD_TOKEN=${token}UL`],
    });
    expect(built.flash.used).toBeGreaterThan(0);

    const board = await startVirtualBoard({ kind: 'uno' });
    boards.push(board);
    const events: ProgressEvent[] = [];
    const uploaded = await uploadSketch(cli, {
      port: board.port, fqbn: 'arduino:avr:uno', buildDir: built.buildDir, sketchDir,
      board: boardById(SIMULATED_UNO_ID)!, onProgress: (e) => events.push(e),
    });
    expect(uploaded.port).toBe(board.port);
    expect(events.at(-1)).toMatchObject({ job: 'upload', stage: 'done', fraction: 1 });

    const session = await openLines(board.port); // opening resets the board: setup() prints the token again
    try {
      expect(await waitForBootLine(session, board, /^td-hello \d+$/, LINE_TIMEOUT)).toBe(`td-hello ${token}`);
      expect(await session.waitFor(/^td-tick \d+$/, LINE_TIMEOUT)).toMatch(/^td-tick \d+$/);
    } finally {
      await session.close();
    }
  });
});
