// The serialport transport on real ports: typed open errors, a held port is busy, and a port that vanishes
// closes the transport with an error instead of crashing the process.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { createSerialTransport, openSerialTransport } from '../../core/device/serialport-transport.js';
import { startVirtualBoard, vboardDir, type VirtualBoard } from '../../core/device/virtual/index.js';
import { fileExists, tierAvailable } from '../support/tools.js';

async function openError(p: string): Promise<TinyDeployError> {
  try {
    await openSerialTransport({ path: p });
  } catch (err) {
    return err as TinyDeployError;
  }
  throw new Error(`opening ${p} succeeded`);
}

describe('serial transport, no hardware needed', () => {
  it('rejects a port that does not exist with PortNotFound', async () => {
    const err = await openError('/dev/tinydeploy-no-such-port');
    expect(err).toBeInstanceOf(TinyDeployError);
    expect(err.code).toBe(ErrorCode.PortNotFound);
    expect(err.advice).toBeTruthy();
  });

  it('refuses to write before open, with a typed error', async () => {
    const t = createSerialTransport({ path: '/dev/null' });
    await expect(t.write('x')).rejects.toMatchObject({ code: ErrorCode.PortNotFound });
    await t.close(); // closing a closed port is harmless
  });
});

const available = tierAvailable('sim', [fileExists('the simavr harness (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard'))]);

describe.skipIf(!available)('serial transport on a simulated board\'s pty', () => {
  let board: VirtualBoard;
  beforeAll(async () => {
    board = await startVirtualBoard({ kind: 'uno' });
  });
  afterAll(async () => {
    await board?.stop();
  });

  it('reports PortBusy when another holder has the port', async () => {
    const first = await openSerialTransport({ path: board.port });
    try {
      const err = await openError(board.port);
      expect(err.code).toBe(ErrorCode.PortBusy);
      expect(err.message).toContain(board.port);
    } finally {
      await first.close();
    }
    const again = await openSerialTransport({ path: board.port }); // free again once closed
    await again.close();
  });

  it('closes with a typed error when the board goes away under an open port', async () => {
    const t = await openSerialTransport({ path: board.port });
    const closed = new Promise<TinyDeployError | null>((resolve) => t.on('close', resolve));
    await board.stop();
    const reason = await closed;
    expect(reason).toBeInstanceOf(TinyDeployError);
    expect(reason?.code).toBe(ErrorCode.PortNotFound);
    expect(t.isOpen).toBe(false);
  });
});
