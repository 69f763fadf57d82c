// Speed of the simulated boards: simavr's ATmega328P against real time (throttled and not), the full
// start → avrdude upload → open → first line cycle of the Uno, repeated opens of a chattering Uno (each must reset
// it: unoOpensGreetingFirst of unoOpens), and QEMU's start → first line.
// `npm run bench:vboard -- --json`.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { findVboardInstall, startVirtualBoard } from '../core/device/virtual/index.js';
import { buildAvrFirmware, buildMps2Firmware } from '../core/toolchain/bare-metal.js';
import { REPO_ROOT } from '../test/support/tools.js';
import { openLines } from '../test/support/board-lines.js';

const FIXTURES = path.join(REPO_ROOT, 'test', 'sim', 'fixtures', 'vboard');
const seconds = (t0: number): number => Math.round((performance.now() - t0) / 10) / 100;

/** Simulated cycles per real second over `ms`, as a fraction of the Uno's 16 MHz. */
async function simSpeed(elf: string, throttled: boolean, ms: number): Promise<number> {
  const { harness } = findVboardInstall();
  const child = spawn(harness, ['--firmware', elf, ...(throttled ? [] : ['--unthrottled'])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
  await new Promise((r) => setTimeout(r, ms));
  const ended = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await ended;
  const cycles = Number(/vboard: cycles (\d+)/.exec(out)?.[1] ?? NaN);
  return Math.round((cycles / (ms / 1000) / 16e6) * 100) / 100;
}

async function unoCycle(dir: string): Promise<Record<string, number>> {
  const fw = await buildAvrFirmware({ sources: [path.join(FIXTURES, 'uno-echo.c')], outElf: path.join(dir, 'uno.elf'), defines: { GREETING: '"bench ready"' } });
  const t0 = performance.now();
  const board = await startVirtualBoard({ kind: 'uno' });
  const startSeconds = seconds(t0);
  try {
    const t1 = performance.now();
    await execa('avrdude', ['-patmega328p', '-carduino', '-P', board.port, '-b115200', '-D', `-Uflash:w:${fw.hex}:i`]);
    const uploadSeconds = seconds(t1);
    const t2 = performance.now();
    const session = await openLines(board.port);
    await session.waitFor(/^bench ready$/, 60_000);
    const openToLineSeconds = seconds(t2);
    await session.close();
    return { unoStartSeconds: startSeconds, unoUploadSeconds: uploadSeconds, unoOpenToFirstLineSeconds: openToLineSeconds, unoFullCycleSeconds: seconds(t0) };
  } finally {
    await board.stop();
  }
}

/** Opens of a Uno that prints without pause: each must reset it, and the first line read must be its greeting. */
async function unoOpens(dir: string, opens: number): Promise<Record<string, number>> {
  const fw = await buildAvrFirmware({ sources: [path.join(FIXTURES, 'uno-chatter.c')], outElf: path.join(dir, 'chatter.elf'), defines: { GREETING: '"bench chatter"' } });
  const board = await startVirtualBoard({ kind: 'uno', firmware: fw.elf });
  let clean = 0;
  const t0 = performance.now();
  try {
    for (let i = 0; i < opens; i++) {
      const session = await openLines(board.port);
      try {
        await session.waitFor(/^chatter \d+$/, 60_000);
        if (session.lines[0] === 'bench chatter') clean++;
      } finally {
        await session.close();
      }
    }
  } finally {
    await board.stop();
  }
  return { unoOpens: opens, unoOpensGreetingFirst: clean, unoOpenToLineMeanSeconds: Math.round((performance.now() - t0) / opens / 10) / 100 };
}

async function m4fCycle(dir: string): Promise<Record<string, number>> {
  const fw = await buildMps2Firmware({ sources: [path.join(FIXTURES, 'm4f-echo.c')], outElf: path.join(dir, 'm4f.elf') });
  const t0 = performance.now();
  const board = await startVirtualBoard({ kind: 'cortex-m4f', firmware: fw.elf });
  try {
    const session = await openLines(board.port);
    await session.waitFor(/^m4f-echo ready/, 30_000);
    const firstLine = seconds(t0);
    const t1 = performance.now();
    await board.reset();
    await session.waitFor(/^m4f-echo ready/, 30_000);
    const resetSeconds = seconds(t1);
    await session.close();
    return { m4fStartToFirstLineSeconds: firstLine, m4fResetToFirstLineSeconds: resetSeconds };
  } finally {
    await board.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'td-bench-vboard-'));
  const elf = (await buildAvrFirmware({ sources: [path.join(FIXTURES, 'uno-echo.c')], outElf: path.join(dir, 'speed.elf') })).elf;
  const result = {
    unoSpeedThrottled: await simSpeed(elf, true, 2000),
    unoSpeedUnthrottled: await simSpeed(elf, false, 2000),
    ...(await unoCycle(dir)),
    ...(await unoOpens(dir, 10)),
    ...(await m4fCycle(dir)),
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    cores: os.cpus().length,
  };
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(28)} ${v}`);
}

await main();
