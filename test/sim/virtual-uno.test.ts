// The simulated Uno runs real ATmega328P code in our simavr harness: preloaded programs talk through the app's
// serial layer, avrdude flashes new code through optiboot, reset() restarts it, stop() leaves nothing behind.
import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import { avrSize, buildAvrFirmware } from '../../core/toolchain/bare-metal.js';
import { findVboardInstall, listVirtualBoards, startVirtualBoard, vboardDir, type VirtualBoard } from '../../core/device/virtual/index.js';
import { fileExists, onPath, REPO_ROOT, tierAvailable } from '../support/tools.js';
import { openLines, processAlive } from '../support/board-lines.js';

const available = tierAvailable('sim', [
  onPath('avr-gcc'),
  onPath('avrdude'),
  fileExists('the simavr harness (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard')),
]);
const ECHO_SOURCE = path.join(REPO_ROOT, 'test', 'sim', 'fixtures', 'vboard', 'uno-echo.c');
const CHATTER_SOURCE = path.join(REPO_ROOT, 'test', 'sim', 'fixtures', 'vboard', 'uno-chatter.c');
// Each open waits out optiboot's ~1 s; before the fix about one open in three showed a tail of the old output.
const CHATTER_OPENS = 12;
// Simulated time runs slower than real time on a loaded machine: optiboot's 1 s wait may take several seconds.
const LINE_TIMEOUT = 30_000;

describe.skipIf(!available)('simulated Arduino Uno (simavr harness + optiboot)', () => {
  let dir: string;
  const boards: VirtualBoard[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'td-uno-test-'));
  });

  afterAll(async () => {
    await Promise.all(boards.map((b) => b.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function buildEcho(greeting: string, name: string, source = ECHO_SOURCE) {
    return buildAvrFirmware({
      sources: [source],
      outElf: path.join(dir, `${name}.elf`),
      defines: { GREETING: JSON.stringify(greeting) },
      extraFlags: ['-Wall', '-Wextra', '-Werror'],
    });
  }

  it('runs a preloaded avr-gcc ELF whose greeting and echoes arrive through the serial layer', async () => {
    const fw = await buildEcho('uno-echo ready', 'preloaded');
    expect(fw.size).toEqual(await avrSize(fw.elf));
    expect(fw.size.text).toBeGreaterThan(100);
    const board = await startVirtualBoard({ kind: 'uno', firmware: fw.elf });
    boards.push(board);
    expect(board.label).toBe('Arduino Uno (simulated)');
    expect(listVirtualBoards()).toContain(board);
    // Opening resets the board, like a real Uno's DTR, even when it follows a close at once.
    const first = await openLines(board.port);
    await first.waitFor(/^uno-echo ready$/, LINE_TIMEOUT);
    await first.close();
    const session = await openLines(board.port);
    try {
      await session.waitFor(/^uno-echo ready$/, LINE_TIMEOUT);
      await session.transport.write('ping 7\n');
      expect(await session.waitFor(/^echo:/, LINE_TIMEOUT)).toBe('echo:ping 7');
      // 200 bytes at once overflow the UART's input fifo: flow control must keep every byte.
      const long = Array.from({ length: 90 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      await session.transport.write(`${long}\n${long.toUpperCase()}\n`);
      expect(await session.waitFor(/^echo:/, LINE_TIMEOUT)).toBe(`echo:${long}`);
      expect(await session.waitFor(/^echo:/, LINE_TIMEOUT)).toBe(`echo:${long.toUpperCase()}`);
      const before = await board.readCycles!();
      await new Promise((r) => setTimeout(r, 300));
      expect(await board.readCycles!()).toBeGreaterThan(before); // the simulated clock runs
      await board.reset();
      await session.waitFor(/^uno-echo ready$/, LINE_TIMEOUT);
    } finally {
      await session.close();
    }
  });

  it('restarts the program on every open: a client\'s first line is the greeting, never the old program\'s output', async () => {
    // The chatter firmware prints without pause, so output is always on its way when the port opens; a client
    // must only see output of the program the open restarted (the old harness let a line's tail through).
    const fw = await buildEcho('uno-chatter ready', 'chatter', CHATTER_SOURCE);
    const board = await startVirtualBoard({ kind: 'uno', firmware: fw.elf });
    boards.push(board);
    const firstLines: string[] = [];
    for (let i = 0; i < CHATTER_OPENS; i++) {
      const session = await openLines(board.port);
      try {
        await session.waitFor(/^chatter \d+$/, LINE_TIMEOUT);
        firstLines.push(session.lines[0]);
      } finally {
        await session.close();
      }
    }
    expect(firstLines).toEqual(Array.from({ length: CHATTER_OPENS }, () => 'uno-chatter ready'));
  });

  it('keeps a client\'s session when another program opens and closes the port meanwhile', async () => {
    const fw = await buildEcho('uno-chatter ready', 'chatter-shared', CHATTER_SOURCE);
    const board = await startVirtualBoard({ kind: 'uno', firmware: fw.elf });
    boards.push(board);
    const session = await openLines(board.port);
    try {
      await session.waitFor(/^chatter \d+$/, LINE_TIMEOUT);
      // A second opener resets the board like any open; its close must not end the first client's session.
      closeSync(openSync(board.port, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK));
      // The reset may cut a line short: the greeting can follow its start on the same line, as on a real Uno.
      await session.waitFor(/uno-chatter ready$/, LINE_TIMEOUT);
      // The greeting came ~1 s after the second program's close (optiboot waits first): lines after it prove it.
      for (let i = 0; i < 20; i++) expect(await session.waitFor(/^chatter \d+$/, LINE_TIMEOUT)).toMatch(/^chatter \d+$/);
    } finally {
      await session.close();
    }
  });

  it('takes an upload from avrdude -c arduino through optiboot, then runs the new program', async () => {
    const nonce = randomBytes(4).toString('hex');
    const fw = await buildEcho(`uploaded ${nonce}`, 'uploaded');
    const board = await startVirtualBoard({ kind: 'uno' }); // bootloader only: an empty Uno
    boards.push(board);
    const upload = await execa('avrdude', ['-patmega328p', '-carduino', '-P', board.port, '-b115200', '-D', `-Uflash:w:${fw.hex}:i`], {
      reject: false,
      timeout: 90_000,
    });
    expect(upload.exitCode, upload.stderr).toBe(0);
    expect(upload.stderr).toMatch(/bytes of flash verified/);
    const session = await openLines(board.port);
    try {
      expect(await session.waitFor(/^uploaded /, LINE_TIMEOUT)).toBe(`uploaded ${nonce}`);
      await session.transport.write('after upload\n');
      expect(await session.waitFor(/^echo:/, LINE_TIMEOUT)).toBe('echo:after upload');
    } finally {
      await session.close();
    }
  });

  it('runs a preloaded Intel hex too, and stop() leaves no harness process', async () => {
    const fw = await buildEcho('from hex', 'hexfile');
    const board = await startVirtualBoard({ kind: 'uno', firmware: fw.hex });
    const session = await openLines(board.port);
    try {
      await session.waitFor(/^from hex$/, LINE_TIMEOUT);
    } finally {
      await session.close();
    }
    await board.stop();
    expect(processAlive(board.pid)).toBe(false);
    expect(listVirtualBoards()).not.toContain(board);
  });

  it('ends by itself when the process that started it is killed', async () => {
    const { harness } = findVboardInstall();
    // A shell starts the harness, prints its pid, then waits; SIGKILL on the shell must not leave an orphan.
    const shell = spawn('sh', ['-c', '"$0" >/dev/null 2>&1 & echo $!; wait', harness], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = await new Promise<number>((resolve) => shell.stdout.once('data', (b: Buffer) => resolve(Number(b.toString().trim()))));
    try {
      expect(pid).toBeGreaterThan(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(processAlive(pid)).toBe(true);
      shell.kill('SIGKILL');
      const deadline = Date.now() + 10_000;
      while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(processAlive(pid)).toBe(false);
    } finally {
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
      shell.kill('SIGKILL');
    }
  });

  it('refuses garbage, corrupted and oversized firmware files with InvalidArgument', async () => {
    const good = await readFile((await buildEcho('x', 'for-corruption')).hex!, 'utf8');
    const lines = good.split('\n');
    // Flip one data digit of the first record: its checksum no longer matches.
    const flipped = lines[0].slice(0, 10) + (lines[0][10] === '0' ? '1' : '0') + lines[0].slice(11);
    const cases: Record<string, string> = {
      'garbage.hex': '\u0000\u00ff not a hex file at all\n',
      'checksum.hex': [flipped, ...lines.slice(1)].join('\n'),
      'oversize.hex': ':10800000000000000000000000000000000000007000\n:00000001FF\n',
      'no-end.hex': lines.filter((l) => !l.startsWith(':00000001')).join('\n'),
      'garbage.elf': '\u007fELF but not really',
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = path.join(dir, name);
      await writeFile(file, text, 'latin1');
      const err = await startVirtualBoard({ kind: 'uno', firmware: file }).then(
        (b) => { boards.push(b); return undefined; },
        (e: unknown) => e as { code?: number; message?: string },
      );
      expect(err?.code, name).toBe(ErrorCode.InvalidArgument);
      expect(err?.message, name).toContain(name);
    }
  });
});
