// The simulated Cortex-M4F: QEMU's mps2-an386 with UART0 on a pty and a QMP socket for the reset button.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../../api/index.js';
import { QmpClient } from './qmp-client.js';
import { startSimulator } from './simulator-process.js';
import { VIRTUAL_BOARD_LABELS, type VirtualBoard, type VirtualBoardOptions } from './types.js';

const PTY_LINE = /char device redirected to (\/dev\/[^\s]+) \(label serial0\)/;

/** The QEMU command line for a firmware ELF; exported so benchmarks can print what they ran. */
export function qemuM4fArgs(firmware: string, qmpSocket: string, icount: boolean): string[] {
  return [
    '-M', 'mps2-an386',
    '-display', 'none',
    '-monitor', 'none',
    '-serial', 'pty',
    '-kernel', firmware,
    '-qmp', `unix:${qmpSocket},server=on,wait=off`,
    ...(icount ? ['-icount', 'shift=7,align=off,sleep=on'] : []),
  ];
}

export async function startQemuM4f(opts: VirtualBoardOptions): Promise<VirtualBoard> {
  const firmware = opts.firmware;
  if (!firmware || !existsSync(firmware)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, firmware ? `Firmware ${firmware} does not exist` : 'The simulated Cortex-M4F needs a firmware ELF', {
      advice: 'Build the program for mps2-an386 first (buildMps2Firmware) and pass its ELF.',
    });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tinydeploy-m4f-'));
  const qmpSocket = path.join(dir, 'qmp.sock');
  let sim;
  try {
    sim = await startSimulator({
      command: 'qemu-system-arm',
      args: qemuM4fArgs(firmware, qmpSocket, opts.icount ?? false),
      ready: PTY_LINE,
      timeoutMs: opts.startTimeoutMs ?? 15_000,
      what: 'QEMU (simulated Cortex-M4F)',
      installAdvice: 'Run scripts/setup.sh, or: sudo apt-get install qemu-system-arm',
      dieWithParent: true,
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const simulator = sim;
  let qmp: QmpClient | undefined;
  const exited = simulator.exited.then(async () => {
    qmp?.close();
    await rm(dir, { recursive: true, force: true });
  });

  return {
    kind: 'cortex-m4f',
    label: VIRTUAL_BOARD_LABELS['cortex-m4f'],
    port: simulator.match[1],
    pid: simulator.pid,
    exited,
    async stop() {
      await simulator.stop();
      await exited;
    },
    async reset() {
      try {
        qmp ??= await QmpClient.connect(qmpSocket);
        await qmp.execute('system_reset');
      } catch (err) {
        qmp?.close();
        qmp = undefined;
        throw new TinyDeployError(ErrorCode.BoardNotResponding, 'The simulated Cortex-M4F did not accept a reset', {
          cause: err,
          advice: 'Stop the simulated board and start it again.',
        });
      }
    },
  };
}
