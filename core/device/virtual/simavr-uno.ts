// The simulated Arduino Uno: our simavr harness (a separate GPL-3.0 program) running optiboot and, optionally,
// a preloaded program; it resets when its pty is opened, so avrdude and arduino-cli upload through optiboot.
import { existsSync } from 'node:fs';
import { ErrorCode, TinyDeployError } from '../../api/index.js';
import { startSimulator } from './simulator-process.js';
import { VIRTUAL_BOARD_LABELS, type VirtualBoard, type VirtualBoardOptions } from './types.js';
import { findVboardInstall } from './vboard-install.js';

const PTY_LINE = /^vboard: pty (\/dev\/\S+)$/m;

/** The harness command line; exported so benchmarks can print what they ran. */
export function unoHarnessArgs(bootloader: string, opts: VirtualBoardOptions): string[] {
  return [
    '--bootloader', bootloader,
    ...(opts.firmware ? ['--firmware', opts.firmware] : []),
    ...(opts.unthrottled ? ['--unthrottled'] : []),
  ];
}

/** The harness refused the firmware file (not hex/ELF, bad checksum, too big): say so, not "board not responding". */
function firmwareRejected(err: unknown, firmware: string | undefined): TinyDeployError | undefined {
  if (!(err instanceof TinyDeployError) || !firmware) return undefined;
  const why = /vboard: (.*(?:not Intel hex|does not fit the flash|no end record|cannot load firmware).*)/.exec(err.advice ?? '');
  if (!why) return undefined;
  return new TinyDeployError(ErrorCode.InvalidArgument, `The simulated Uno cannot run ${firmware}: ${why[1]}`, {
    cause: err,
    advice: 'Pass the .hex or .elf that avr-gcc or arduino-cli built for the ATmega328P (at most 32 KB).',
  });
}

export async function startSimavrUno(opts: VirtualBoardOptions): Promise<VirtualBoard> {
  if (opts.firmware && !existsSync(opts.firmware)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `Firmware ${opts.firmware} does not exist`, {
      advice: 'Pass the .hex or .elf that avr-gcc or arduino-cli built, or start the board empty and upload to it.',
    });
  }
  const install = findVboardInstall();
  const sim = await startSimulator({
    command: install.harness,
    args: unoHarnessArgs(install.bootloader, opts),
    ready: PTY_LINE,
    timeoutMs: opts.startTimeoutMs ?? 15_000,
    what: 'the simulated Uno (simavr harness)',
    installAdvice: 'Run scripts/setup-vboard.sh',
  }).catch((err: unknown) => {
    throw firmwareRejected(err, opts.firmware) ?? err;
  });
  return {
    kind: 'uno',
    label: VIRTUAL_BOARD_LABELS.uno,
    port: sim.match[1],
    pid: sim.pid,
    exited: sim.exited,
    stop: () => sim.stop(),
    readCycles() {
      return new Promise<number>((resolve, reject) => {
        const stdout = sim.child.stdout;
        let text = '';
        const onData = (chunk: string): void => {
          text += chunk;
          const m = /vboard: cycles (\d+)/.exec(text);
          if (!m) return;
          done();
          resolve(Number(m[1]));
        };
        const timer = setTimeout(() => {
          done();
          reject(new TinyDeployError(ErrorCode.BoardNotResponding, 'The simulated Uno did not report its cycle count', {
            advice: 'Stop the simulated board and start it again.',
          }));
        }, 5000);
        const done = (): void => {
          clearTimeout(timer);
          stdout?.off('data', onData);
        };
        stdout?.on('data', onData);
        if (!sim.child.kill('SIGUSR2')) {
          done();
          reject(new TinyDeployError(ErrorCode.BoardNotResponding, 'The simulated Uno is not running', { advice: 'Start it again.' }));
        }
      });
    },
    async reset() {
      // SIGUSR1: the harness resets with EXTRF set, as the reset button does (optiboot listens ~1 s first).
      if (!sim.child.kill('SIGUSR1')) {
        throw new TinyDeployError(ErrorCode.BoardNotResponding, 'The simulated Uno is not running', {
          advice: 'Start the simulated board again.',
        });
      }
    },
  };
}
