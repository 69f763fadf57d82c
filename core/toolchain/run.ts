// The one place that spawns arduino-cli: always --json, our directories by environment, cancellable, time-limited.
import { execa } from 'execa';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { ArduinoCliMissingError } from './errors.js';
import { killGroup, PROCESS_GROUPS, trackGroup, untrackGroup } from './process-group.js';

/** Where arduino-cli keeps its cores, libraries and downloads; unset fields keep arduino-cli's own defaults. */
export interface CliSettings {
  readonly dataDir?: string;
  readonly userDir?: string;
  readonly downloadsDir?: string;
  /** Extra package indexes (board_manager.additional_urls), e.g. Espressif's or Seeed's. */
  readonly additionalUrls?: readonly string[];
}

/** A located, version-checked arduino-cli. */
export interface ArduinoCli {
  readonly path: string;
  readonly version: string;
  readonly settings: CliSettings;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Kill arduino-cli after this long; every call has a default that fits its job. */
  readonly timeoutMs?: number;
  /** Each stderr line as it arrives (progress, uploader chatter). */
  readonly onStderrLine?: (line: string) => void;
}

export interface CliResult {
  readonly exitCode: number;
  /** stdout parsed as JSON, or undefined when it was not JSON. */
  readonly json: unknown;
  readonly stdout: string;
  readonly stderr: string;
  readonly millis: number;
}

/** The environment that points arduino-cli at our settings and silences its update check. */
export function cliEnv(settings: CliSettings): Record<string, string> {
  const env: Record<string, string> = { ARDUINO_UPDATER_ENABLE_NOTIFICATION: 'false' };
  if (settings.dataDir) env.ARDUINO_DIRECTORIES_DATA = settings.dataDir;
  if (settings.userDir) env.ARDUINO_DIRECTORIES_USER = settings.userDir;
  if (settings.downloadsDir) env.ARDUINO_DIRECTORIES_DOWNLOADS = settings.downloadsDir;
  if (settings.additionalUrls?.length) env.ARDUINO_BOARD_MANAGER_ADDITIONAL_URLS = settings.additionalUrls.join(' ');
  return env;
}

/** Output as JSON, or undefined; with --json arduino-cli prints one document (on stderr when a command fails early). */
export function parseJsonOutput(stdout: string): unknown {
  const text = stdout.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new TinyDeployError(ErrorCode.Cancelled, `${what} was cancelled.`, { cause: signal.reason });
}

/** Runs `arduino-cli <args> --json`; throws only for cancel, timeout and a missing executable. */
export async function runCli(
  cli: Pick<ArduinoCli, 'path' | 'settings'>,
  args: readonly string[],
  options: CallOptions & { defaultTimeoutMs: number },
): Promise<CliResult> {
  const what = `arduino-cli ${args[0] ?? ''}`.trim();
  throwIfAborted(options.signal, what);
  const timeout = options.timeoutMs ?? options.defaultTimeoutMs;
  const started = performance.now();
  // --json goes before a '--' (after which everything is a path, even "-h"), else at the end.
  const end = args.indexOf('--');
  const argv = end < 0 ? [...args, '--json'] : [...args.slice(0, end), '--json', ...args.slice(end)];
  const child = execa(cli.path, argv, {
    env: cliEnv(cli.settings),
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    // POSIX: its own process group, killed as a whole below; Windows: execa's timeout and cancel.
    ...(PROCESS_GROUPS ? { detached: true } : {
      timeout, forceKillAfterDelay: 2000, ...(options.signal ? { cancelSignal: options.signal } : {}),
    }),
  });
  let stopped: 'timeout' | 'cancel' | undefined;
  const stop = (why: 'timeout' | 'cancel'): void => {
    if (stopped || child.pid === undefined) return;
    stopped = why;
    killGroup(child.pid);
  };
  const timer = PROCESS_GROUPS ? setTimeout(() => stop('timeout'), timeout) : undefined;
  const onAbort = (): void => stop('cancel');
  if (PROCESS_GROUPS) options.signal?.addEventListener('abort', onAbort, { once: true });
  if (PROCESS_GROUPS && child.pid !== undefined) trackGroup(child.pid);
  if (options.onStderrLine) {
    const onLine = options.onStderrLine;
    let pending = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split(/\r?\n|\r/);
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) onLine(l);
    });
  }
  let r: Awaited<typeof child>;
  try {
    r = await child;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (child.pid !== undefined) untrackGroup(child.pid);
  }
  const millis = performance.now() - started;
  // The child's result (its output so far, execa's reason) stays the cause: a log shows what it was doing.
  if (stopped === 'cancel' || r.isCanceled) throw new TinyDeployError(ErrorCode.Cancelled, `${what} was cancelled.`, { cause: r });
  if (stopped === 'timeout' || r.timedOut) {
    throw new TinyDeployError(ErrorCode.Timeout, `${what} did not finish within ${Math.round(timeout / 1000)} s.`, {
      advice: 'Try again; if it keeps happening, unplug and replug the board or restart the app.',
      cause: r,
    });
  }
  const code = (r as { code?: string }).code;
  if (r.exitCode === undefined && (code === 'ENOENT' || code === 'EACCES')) {
    throw new ArduinoCliMissingError([cli.path], r);
  }
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '');
  const json = parseJsonOutput(stdout) ?? parseJsonOutput(stderr);
  return { exitCode: r.exitCode ?? -1, json, stdout, stderr, millis };
}

/** The "error" text arduino-cli puts in its JSON on failure (or its stderr when it printed no JSON). */
export function cliErrorText(r: CliResult): string {
  const o = r.json as Record<string, unknown> | undefined;
  const fromJson = o && typeof o === 'object' && typeof o.error === 'string' ? o.error : '';
  return [fromJson, r.stderr.trim()].filter(Boolean).join('\n') || `exit code ${r.exitCode}`;
}
