// Simulated boards announced by other processes: live entries are listed, dead or garbled ones cleaned up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { advertise, listAdvertisedBoards } from '../../core/device/virtual/advertised.js';
import type { VirtualBoard } from '../../core/device/virtual/types.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'td-advert-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A pid that certainly ended: a child we ran to completion. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('advertised simulated boards', () => {
  it('lists live entries and removes dead, garbled and wrongly typed ones', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify({ kind: 'uno', port: '/dev/pts/9', pid: process.pid, label: 'spoofed' }));
    writeFileSync(path.join(dir, '1.json'), '{not json');
    writeFileSync(path.join(dir, '2.json'), JSON.stringify({ kind: 'toaster', port: '/dev/pts/1', pid: process.pid }));
    const dead = deadPid();
    writeFileSync(path.join(dir, `${dead}.json`), JSON.stringify({ kind: 'cortex-m4f', port: '/dev/pts/2', pid: dead }));
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    const listed = listAdvertisedBoards(dir);
    expect(listed).toEqual([{ kind: 'uno', label: 'Arduino Uno (simulated)', port: '/dev/pts/9', pid: process.pid }]);
    expect(readdirSync(dir).sort()).toEqual([`${process.pid}.json`, 'notes.txt'].sort());
  });

  it('returns nothing for a folder that does not exist', () => {
    expect(listAdvertisedBoards(path.join(tempDir(), 'missing'))).toEqual([]);
  });

  it('removes a board\'s entry when the board ends', async () => {
    const dir = tempDir();
    let end!: () => void;
    const exited = new Promise<void>((resolve) => (end = resolve));
    const board: VirtualBoard = {
      kind: 'cortex-m4f', label: 'Cortex-M4F (simulated)', port: '/dev/pts/5', pid: process.pid, exited,
      stop: async () => end(), reset: async () => {},
    };
    advertise(board, dir);
    expect(listAdvertisedBoards(dir).map((b) => b.port)).toEqual(['/dev/pts/5']);
    await board.stop();
    await exited;
    await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(path.join(dir, `${process.pid}.json`))).toBe(false);
  });
});
