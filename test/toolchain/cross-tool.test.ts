// runCrossTool's failures as a student reads them, and as a log needs them: a cancel or a timeout keeps the
// process result (what it printed, how it ended) as the error's cause.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { runCrossTool } from '../../core/toolchain/cross-tool.js';

const opts = { purpose: 'wait', aptPackage: 'coreutils' };

async function failure(p: Promise<unknown>): Promise<TinyDeployError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TinyDeployError);
  return err as TinyDeployError;
}

describe('runCrossTool', () => {
  it('a cancel is Cancelled, with the process result as its cause', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await failure(runCrossTool('sleep', ['10'], { ...opts, signal: ac.signal }));
    expect(err.code).toBe(ErrorCode.Cancelled);
    expect(err.cause).toMatchObject({ isCanceled: true, command: 'sleep 10' });
  });

  it('a timeout is Timeout with advice, with the process result as its cause', async () => {
    const err = await failure(runCrossTool('sleep', ['10'], { ...opts, timeoutMs: 100 }));
    expect(err.code).toBe(ErrorCode.Timeout);
    expect(err.advice).toMatch(/try again/);
    expect(err.cause).toMatchObject({ timedOut: true });
  });

  it('a missing tool is ToolMissing naming the package to install', async () => {
    const err = await failure(runCrossTool('td-no-such-tool', [], opts));
    expect(err.code).toBe(ErrorCode.ToolMissing);
    expect(err.advice).toMatch(/apt-get install coreutils/);
  });
});
