// C ↔ TypeScript: native/protocol/td_protocol.c built with the host gcc (test/device/fixtures/fake_board.c) on a
// pty, driven by BoardSession over the real serial transport. Both sides must agree byte for byte, and the
// session must survive garbage, corrupted lines, a reset mid-line and an unplug with the exact loss count.
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import { BoardSession } from '../../core/device/session.js';
import type { ResultMessage } from '../../core/device/protocol/index.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { fakeModel, startFakeBoard, type FakeBoard } from './support/fake-board.js';

const available = tierAvailable('native', [onPath('gcc')]);

/** What fake_board.c streams for its tick t: the fake model on [t, 2t, -t, 0], dequantized (zp -128, scale 1/256). */
function expectedScores(t: number): string {
  const out = fakeModel(new Int8Array([t, 2 * t, -t, 0]));
  return ['up', 'down', 'still'].map((l, j) => `${l}:${(Math.round(((out[j] + 128) / 256) * 10000) / 10000).toFixed(4)}`).join(' ');
}
const STREAMED = new Set(Array.from({ length: 256 }, (_, t) => expectedScores(t)));

function collect(session: BoardSession): { results: ResultMessage[]; raw: string[] } {
  const seen = { results: [] as ResultMessage[], raw: [] as string[] };
  session.on('result', (r) => seen.results.push(r));
  session.on('line', (line, m) => {
    if (!m) seen.raw.push(line);
  });
  return seen;
}

async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!available)('td_protocol.c and the TypeScript session agree', () => {
  let board: FakeBoard | undefined;
  let session: BoardSession | undefined;
  afterEach(async () => {
    await session?.stop();
    await board?.stop();
    session = undefined;
    board = undefined;
  });

  it('streams a hello, RAM statistics and results whose scores are the dequantized outputs to 4 decimals', async () => {
    board = await startFakeBoard(10);
    session = new BoardSession({ path: board.port });
    const seen = collect(session);
    await session.start();
    const hello = await session.waitForHello();
    expect(hello).toMatchObject({ version: 1, board: 'host', model: 'fake_model', hash: '0badc0de', inShape: [1, 4], outShape: [1, 3], labels: ['up', 'down', 'still'], backend: 'native', actBytes: 16, ramTotal: 2048, source: 'serial', periodMs: 10 });
    const ram = await session.waitFor('ram');
    expect(ram).toMatchObject({ freeBytes: 1000, stackUsed: 120, actBytes: 16, total: 2048 });
    await until(() => seen.results.length >= 20);
    for (const r of seen.results) {
      const text = r.scores.map((s) => `${s.label}:${s.value.toFixed(4)}`).join(' ');
      expect(STREAMED.has(text), text).toBe(true);
      const best = r.scores.reduce((a, b) => (b.value > a.value ? b : a));
      expect(r.top).toBe(best.label);
    }
    expect(session.stats.lostLines).toBe(0);
    expect(session.stats.results).toBe(seen.results.length);
    expect(session.stats.bytes).toBeGreaterThan(20 * 40);
  });

  it('in host mode answers every @in with the fake model\'s exact bytes, and refuses a wrong size', async () => {
    board = await startFakeBoard(10);
    session = new BoardSession({ path: board.port });
    const seen = collect(session);
    await session.start();
    await session.waitForHello();
    await session.setMode('host');
    const streamedBefore = seen.results.length;
    let seed = 7;
    for (let i = 0; i < 60; i++) {
      const input = new Int8Array(4).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
      const out = await session.infer(input);
      expect(Array.from(out.q)).toEqual(Array.from(fakeModel(input)));
    }
    expect(seen.results.length - streamedBefore).toBeLessThanOrEqual(1); // at most one already on the wire
    await expect(session.infer(new Int8Array(5))).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    const syntax = session.waitFor('err');
    await session.send('@in id=9 q=0g010203\r\n');
    expect((await syntax).code).toBe('syntax');
    const crc = session.waitFor('err');
    await session.send('@mode host *00\r\n');
    expect((await crc).code).toBe('crc');
    const ack = session.waitFor('ack', (a) => a.cmd === 'mode');
    await session.send('@mode stream\n'); // typed by hand: no checksum
    await ack;
    await session.waitFor('result');
    expect(session.stats.lostLines).toBe(0);
  });

  it('recovers from garbage, corrupted lines, a reset mid-line and an unplug, with the exact loss count', async () => {
    // Lines 40, 41 and 70 corrupted; garbage before 45; reset in the middle of line 55; unplugged before 90.
    board = await startFakeBoard(15, ['c40', 'c41', 'g45', 'r55', 'c70', 'u90']);
    session = new BoardSession({ path: board.port, reopenMs: 50 });
    const seen = collect(session);
    const states: string[] = [];
    session.on('state', (s) => states.push(s));
    await session.start();
    await session.waitForHello();
    await board.replugged(1);
    const after = seen.results.length;
    await until(() => seen.results.length >= after + 10 && session!.state === 'open');
    expect(session.stats.lostLines).toBe(3 + board.dropped[0]);
    expect(board.dropped[0]).toBeGreaterThan(5); // the board kept running while unplugged
    expect(session.stats.resets).toBe(1);
    expect(session.stats.reconnects).toBe(1);
    expect(states).toEqual(expect.arrayContaining(['open', 'reconnecting']));
    expect(seen.raw).toEqual(expect.arrayContaining(['Serial.println debug']));
    expect(seen.raw.length).toBeGreaterThanOrEqual(3 + 2 + 1); // 3 corrupted, 2 garbage, 1 cut by the reset
  });

  it('releases the port for an upload and takes it back; stopping rejects what waits and refuses to send', async () => {
    board = await startFakeBoard(10);
    session = new BoardSession({ path: board.port, reopenMs: 50 });
    const s = session;
    await s.start();
    await s.waitFor('result');
    await s.release();
    expect(s.state).toBe('released');
    await expect(s.send('@ram?\n')).rejects.toMatchObject({ code: ErrorCode.BoardNotResponding });
    s.resume();
    const n = s.stats.results;
    await until(() => s.state === 'open' && s.stats.results >= n + 3);
    const pending = s.waitFor('out', () => true, 30_000);
    await s.stop();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    expect(s.state).toBe('closed');
  });
});
