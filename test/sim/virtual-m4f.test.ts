// The simulated Cortex-M4F runs our mps2-an386 target code in QEMU: boot, echo over the pty, QMP reset, clean stop.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armSize, buildMps2Firmware } from '../../core/toolchain/bare-metal.js';
import { startVirtualBoard, listVirtualBoards, type VirtualBoard } from '../../core/device/virtual/index.js';
import { onPath, REPO_ROOT, tierAvailable } from '../support/tools.js';
import { openLines, processAlive, type LineSession } from '../support/board-lines.js';

const available = tierAvailable('sim', [onPath('qemu-system-arm'), onPath('arm-none-eabi-gcc')]);
const ECHO_SOURCE = path.join(REPO_ROOT, 'test', 'sim', 'fixtures', 'vboard', 'm4f-echo.c');

describe.skipIf(!available)('simulated Cortex-M4F (QEMU mps2-an386)', () => {
  let dir: string;
  let elf: string;
  let board: VirtualBoard;
  let session: LineSession;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'td-m4f-test-'));
    const built = await buildMps2Firmware({
      sources: [ECHO_SOURCE],
      outElf: path.join(dir, 'echo.elf'),
      extraFlags: ['-Wall', '-Wextra', '-Werror'],
    });
    elf = built.elf;
    board = await startVirtualBoard({ kind: 'cortex-m4f', firmware: elf });
    session = await openLines(board.port);
  });

  afterAll(async () => {
    await session?.close();
    await board?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports the ELF sizes that arm-none-eabi-size sees, with code in text', async () => {
    const size = await armSize(elf);
    expect(size.text).toBeGreaterThan(200);
    expect(size.data).toBeGreaterThanOrEqual(4); // `magic` lives in .data
  });

  it('is listed with its label and pty', () => {
    const listed = listVirtualBoards().find((b) => b.port === board.port);
    expect(listed?.label).toBe('Cortex-M4F (simulated)');
    expect(board.port).toMatch(/^\/dev\/pts\/\d+$/);
  });

  it('boots with .data copied, .bss zeroed and the FPU on, then echoes lines', async () => {
    // magic=0x1234 comes from .data, boots=1 from a zeroed .bss, fpu=6 is 1.5f * 4 on the FPU.
    await session.waitFor(/^m4f-echo ready magic=1234 boots=1 fpu=6$/);
    await session.transport.write('hello 42\n');
    expect(await session.waitFor(/^echo:/)).toBe('echo:hello 42');
    await session.transport.write('second\r\n');
    expect(await session.waitFor(/^echo:/)).toBe('echo:second');
  });

  it('restarts the firmware on reset through QMP', async () => {
    await board.reset();
    await session.waitFor(/^m4f-echo ready magic=1234 boots=1 fpu=6$/);
    await session.transport.write('after reset\n');
    expect(await session.waitFor(/^echo:/)).toBe('echo:after reset');
  });

  it('leaves no process behind after stop()', async () => {
    await session.close();
    const pid = board.pid;
    await board.stop();
    expect(processAlive(pid)).toBe(false);
    expect(listVirtualBoards().some((b) => b.pid === pid)).toBe(false);
    await board.stop(); // a second stop is harmless
  });

  it('ends QEMU when the app process is killed hard (no orphan)', async () => {
    const script = path.join(REPO_ROOT, 'test', 'sim', 'fixtures', 'vboard', 'start-and-hang.ts');
    const app = spawn(process.execPath, ['--import', 'tsx', script, 'cortex-m4f', elf], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      app.stdout.once('data', (b: Buffer) => resolve(Number(b.toString().trim())));
      app.once('exit', (code) => reject(new Error(`the helper ended early (${code})`)));
    });
    expect(processAlive(pid)).toBe(true);
    app.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const orphaned = processAlive(pid);
    if (orphaned) process.kill(pid, 'SIGKILL'); // do not leave it running when the test fails
    expect(orphaned).toBe(false);
  });
});
