// Compile → upload → first line of the freshly flashed simulated Uno, through core/toolchain, against plain
// `arduino-cli compile` + `arduino-cli upload` of the same sketch on the same board in the same run.
// `npm run bench:flash -- --json`. overheadRatio = our warm cycle / the plain CLI's warm cycle (target ≤ 1.1).
import { execa } from 'execa';
import path from 'node:path';
import { startVirtualBoard, type VirtualBoard } from '../core/device/virtual/index.js';
import { boardById, SIMULATED_UNO_ID } from '../core/boards/index.js';
import {
  cliEnv, compileSketch, isPseudoTerminal, locateArduinoCli, uploadSketch, type ArduinoCli,
} from '../core/toolchain/index.js';
import { TOOLS_DIR } from '../test/support/tools.js';
import { copySketch, tempBuildDir } from '../test/support/arduino.js';
import { openLines } from '../test/support/board-lines.js';

const FQBN = 'arduino:avr:uno';
const REPEATS = Number(process.env.BENCH_FLASH_REPEATS ?? 3);
const FIRST_LINE = /^td-hello \d+$/;

const since = (t0: number): number => (performance.now() - t0) / 1000;
const round = (x: number): number => Math.round(x * 1000) / 1000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Opens the port (which resets the Uno, as DTR does on a real one) and waits for the sketch's first line. */
async function firstLine(board: VirtualBoard): Promise<void> {
  const session = await openLines(board.port);
  try {
    await session.waitFor(FIRST_LINE, 60_000);
    // The open must have reset the board: its first line is the greeting, with nothing of the old program before it.
    if (session.lines[0] !== undefined && !FIRST_LINE.test(session.lines[0])) throw new Error(`first line after the open: ${session.lines[0]}`);
  } finally {
    await session.close();
  }
}

/** Our path: core/toolchain's compile, then its upload (port check, upload, wait for the port). */
async function oursCycle(cli: ArduinoCli, board: VirtualBoard, sketchDir: string, buildDir: string): Promise<number> {
  const t0 = performance.now();
  const built = await compileSketch(cli, { sketchDir, fqbn: FQBN, buildDir });
  await uploadSketch(cli, { port: board.port, fqbn: FQBN, buildDir: built.buildDir, sketchDir, board: boardById(SIMULATED_UNO_ID)! });
  await firstLine(board);
  return since(t0);
}

/** What a student types: two plain arduino-cli calls (the pty needs the short discovery timeout in both paths). */
async function plainCycle(cli: ArduinoCli, board: VirtualBoard, sketchDir: string, buildDir: string): Promise<number> {
  const env = cliEnv(cli.settings);
  const portArgs = isPseudoTerminal(board.port) ? ['--discovery-timeout', '100ms'] : ['-l', 'serial'];
  const t0 = performance.now();
  await execa(cli.path, ['compile', '--fqbn', FQBN, '--build-path', buildDir, sketchDir], { env });
  await execa(cli.path, ['upload', '-p', board.port, ...portArgs, '--fqbn', FQBN, '--input-dir', buildDir, sketchDir], { env });
  await firstLine(board);
  return since(t0);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const cli = await locateArduinoCli({ toolsDir: TOOLS_DIR, searchPath: false });
  const sketchDir = copySketch('TdHello');
  const board = await startVirtualBoard({ kind: 'uno' });
  try {
    const coldSeconds = await oursCycle(cli, board, sketchDir, tempBuildDir());
    const oursDir = tempBuildDir();
    const plainDir = tempBuildDir();
    await oursCycle(cli, board, sketchDir, oursDir); // fill both build dirs before the warm runs
    await plainCycle(cli, board, sketchDir, plainDir);
    const ours: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < REPEATS; i++) { // interleaved, so machine load affects both sides alike
      ours.push(await oursCycle(cli, board, sketchDir, oursDir));
      plain.push(await plainCycle(cli, board, sketchDir, plainDir));
    }
    const warmSeconds = median(ours);
    const plainCliSeconds = median(plain);
    const result = {
      coldSeconds: round(coldSeconds),
      warmSeconds: round(warmSeconds),
      plainCliSeconds: round(plainCliSeconds),
      overheadRatio: round(warmSeconds / plainCliSeconds),
      ratioIs: 'ours warm / plain arduino-cli compile+upload (warm build dir), medians, each to the first line',
      target: 'overheadRatio <= 1.1',
      repeats: REPEATS,
      warmRuns: ours.map(round),
      plainRuns: plain.map(round),
      arduinoCli: `${cli.version} (${path.relative(process.cwd(), cli.path)})`,
      board: board.label,
    };
    if (json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`cold ${result.coldSeconds} s, warm ${result.warmSeconds} s, plain arduino-cli ${result.plainCliSeconds} s`);
      console.log(`overhead ratio (ours warm / plain) ${result.overheadRatio} (target ≤ 1.1)`);
    }
  } finally {
    await board.stop();
  }
}

await main();
