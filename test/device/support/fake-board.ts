// Builds and runs test/device/fixtures/fake_board.c: native/protocol/td_protocol.c compiled with the host gcc,
// a fake model, on a pty reachable through a stable symlink, with scripted faults.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/tools.js';

const PROTOCOL_DIR = path.join(REPO_ROOT, 'native', 'protocol');
const SOURCE = path.join(REPO_ROOT, 'test', 'device', 'fixtures', 'fake_board.c');

/** The fake model of fake_board.c: out[j] = in[j] * 3 - j, wrapping like int8. */
export function fakeModel(input: Int8Array): Int8Array {
  const out = new Int8Array(3);
  for (let j = 0; j < 3; j++) out[j] = input[j] * 3 - j;
  return out;
}

let built: string | undefined;

export function buildFakeBoard(): string {
  if (built) return built;
  const dir = mkdtempSync(path.join(tmpdir(), 'td-fake-board-'));
  const exe = path.join(dir, 'fake_board');
  execFileSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-fsanitize=address,undefined', '-g', '-O1', '-I', PROTOCOL_DIR,
    SOURCE, path.join(PROTOCOL_DIR, 'td_protocol.c'), '-o', exe], { stdio: 'pipe' });
  built = exe;
  return exe;
}

export interface FakeBoard {
  /** The port to open: a symlink to the current pty, gone while "unplugged". */
  readonly port: string;
  /** Lines the board wrote while unplugged, one entry per replug. */
  readonly dropped: number[];
  /** Resolves once the board has been plugged back in `n` times. */
  replugged(n: number): Promise<void>;
  stop(): Promise<void>;
}

/** faults: e.g. ['c5', 'g8', 'r12', 'u20'] (see fake_board.c). */
export async function startFakeBoard(periodMs: number, faults: readonly string[] = []): Promise<FakeBoard> {
  const exe = buildFakeBoard();
  const port = path.join(mkdtempSync(path.join(tmpdir(), 'td-fake-port-')), 'tty');
  const child: ChildProcess = spawn(exe, [port, String(periodMs), ...faults], { stdio: ['ignore', 'pipe', 'inherit'] });
  const dropped: number[] = [];
  const listeners = new Set<() => void>();
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  let text = '';
  child.stdout?.on('data', (b: Buffer) => {
    text += b.toString();
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const line = text.slice(0, nl);
      text = text.slice(nl + 1);
      if (line === 'ready') ready();
      const m = /^dropped (\d+)$/.exec(line);
      if (m) dropped.push(Number(m[1]));
      for (const l of [...listeners]) l();
    }
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await Promise.race([isReady, exited.then(() => { throw new Error('fake_board exited before it was ready'); })]);
  return {
    port,
    dropped,
    replugged: (n) => new Promise((resolve) => {
      const check = (): void => {
        if (dropped.length >= n) {
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
      check();
    }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
