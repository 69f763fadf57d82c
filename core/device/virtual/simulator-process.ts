// Starts a simulator process, waits for the line that names its pty, and stops it without leaving it behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../../api/index.js';

export interface SimulatorProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The first match of the pattern on stdout or stderr. */
  readonly match: RegExpMatchArray;
  readonly exited: Promise<void>;
  /** Everything the process printed so far (bounded), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartSimulatorOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** Matched against stdout and stderr lines; QEMU prints its pty line on stdout. */
  readonly ready: RegExp;
  readonly timeoutMs: number;
  /** For messages: "QEMU", "the simavr harness". */
  readonly what: string;
  /** Debian package or set-up step that provides the command. */
  readonly installAdvice: string;
  /** Linux: end the simulator when this process dies, even by SIGKILL (through util-linux's setpriv). */
  readonly dieWithParent?: boolean;
}

/** The executable's full path from PATH (or as given when it contains a slash), or undefined. */
export function findExecutable(cmd: string): string | undefined {
  const candidates = cmd.includes('/') ? [cmd] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, cmd));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return undefined;
}

/** setpriv keeps the pid (it execs) and sets PR_SET_PDEATHSIG, which survives the exec. */
function launchCommand(opts: StartSimulatorOptions): { command: string; args: string[] } {
  const setpriv = opts.dieWithParent && process.platform === 'linux' ? findExecutable('setpriv') : undefined;
  const target = findExecutable(opts.command);
  if (!setpriv || !target) return { command: opts.command, args: [...opts.args] };
  return { command: setpriv, args: ['--pdeathsig', 'TERM', '--', target, ...opts.args] };
}

const OUTPUT_LIMIT = 8000;

export function startSimulator(opts: StartSimulatorOptions): Promise<SimulatorProcess> {
  const launch = launchCommand(opts);
  const child = spawn(launch.command, launch.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let ended = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      ended = true;
      resolve();
    });
    child.once('error', () => {
      ended = true;
      resolve();
    });
  });
  const stop = async (graceMs = 3000): Promise<void> => {
    if (ended) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!ended) child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: TinyDeployError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop(500).then(() => reject(err));
    };
    const onText = (text: string): void => {
      output = (output + text).slice(-OUTPUT_LIMIT);
      if (settled) return;
      const match = output.match(opts.ready);
      if (!match) return;
      settled = true;
      clearTimeout(timer);
      resolve({ child, pid: child.pid ?? -1, match, exited, output: () => output, stop });
    };
    const timer = setTimeout(() => {
      fail(new TinyDeployError(ErrorCode.BoardNotResponding, `${opts.what} did not start within ${opts.timeoutMs / 1000} s`, {
        advice: `Its output was: ${output.trim().slice(-400) || '(nothing)'}`,
      }));
    }, opts.timeoutMs);
    child.stdout?.setEncoding('utf8').on('data', onText);
    child.stderr?.setEncoding('utf8').on('data', onText);
    child.once('error', (err: NodeJS.ErrnoException) => {
      const missing = err.code === 'ENOENT';
      fail(new TinyDeployError(missing ? ErrorCode.ToolMissing : ErrorCode.Internal,
        missing ? `${opts.what} (${opts.command}) is not installed` : `${opts.what} could not start: ${err.message}`,
        { cause: err, advice: opts.installAdvice }));
    });
    // 'close', not 'exit': by then stdout and stderr are read to the end, so the reason is in `output`.
    child.once('close', (code, signal) => {
      fail(new TinyDeployError(ErrorCode.BoardNotResponding, `${opts.what} ended before its port was ready (${signal ?? `exit ${code}`})`, {
        advice: `Its output was: ${output.trim().slice(-400) || '(nothing)'}`,
      }));
    });
  });
}
