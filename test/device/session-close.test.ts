// Closing a session while waits are pending (a hello, an ack, an @out, RAM) settles every one of them with
// Cancelled to the caller that awaits it, and leaves no promise rejecting with nobody listening.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { BoardSession } from '../../core/device/session.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { startFakeBoard, type FakeBoard } from './support/fake-board.js';

const available = tierAvailable('native', [onPath('gcc')]);

/** Lets every pending timer of `ms` and the microtask queue run, so late rejections have their chance to surface. */
const settle = (ms = 50): Promise<void> => new Promise((r) => setTimeout(r, ms));

function codeOf(err: unknown): number | undefined {
  return err instanceof TinyDeployError ? err.code : undefined;
}

describe.skipIf(!available)('BoardSession.stop() with pending waits', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  let board: FakeBoard | undefined;
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    await board?.stop();
    board = undefined;
  });

  it('rejects every pending wait with Cancelled and none goes unhandled', async () => {
    board = await startFakeBoard(1000);
    const session = new BoardSession({ path: board.port, helloRetryMs: 60_000 });
    await session.start();
    // Waits that nothing will answer before the close: an ack for a command never sent, an @out of no vector.
    const outcomes = [
      session.waitFor('ack', (a) => a.cmd === 'never', 5000),
      session.waitForMessage((m) => m.kind === 'out' && m.id === 999, 5000, '@out'),
      // Commands in flight while the port closes (their send may still succeed, their answer never comes).
      session.setMode('host', 5000),
      session.setRate(7, 5000),
    ].map((p) => p.then(() => 'resolved', (err: unknown) => codeOf(err)));
    const stopping = session.stop();
    // Commands issued after the close began: the send fails, and the answer's wait must not be left behind.
    const late = [session.setMode('stream', 5000), session.requestRam(5000), session.infer(new Int8Array(4), 5000), session.waitForHello(5000)]
      .map((p) => p.then(() => 'resolved', (err: unknown) => codeOf(err)));
    await stopping;
    const codes = await Promise.all([...outcomes, ...late]);
    await settle(200);
    expect(unhandled).toEqual([]);
    for (const c of codes.slice(0, 2)) expect(c).toBe(ErrorCode.Cancelled);
    // A command settles with Cancelled (its answer) or BoardNotResponding (its send), never by resolving.
    for (const c of codes.slice(2)) expect([ErrorCode.Cancelled, ErrorCode.BoardNotResponding]).toContain(c);
    expect(session.state).toBe('closed');
  });

  it('a wait asked for after the close rejects at once rather than at its timeout', async () => {
    board = await startFakeBoard(1000);
    const session = new BoardSession({ path: board.port, helloRetryMs: 60_000 });
    await session.start();
    await session.stop();
    const t0 = Date.now();
    const code = await session.waitFor('result', () => true, 10_000).then(() => 'resolved', (err: unknown) => codeOf(err));
    expect(code).toBe(ErrorCode.Cancelled);
    expect(Date.now() - t0).toBeLessThan(1000);
    await settle();
    expect(unhandled).toEqual([]);
  });
});
