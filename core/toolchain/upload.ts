// `arduino-cli upload -p PORT -l serial`: checks the port first, classifies failures, waits for the port to return.
import { type ProgressListener } from '../api/index.js';
import { boardForFqbn, type BoardSpec } from '../boards/index.js';
import { classifyCliError, classifyUploadFailure } from './classify.js';
import { portBusy, portGoneAfterUpload, portNotFound, portPermission, type PortContext } from './errors.js';
import { portAccessible, portExists, portHolders, waitForPort } from './port-state.js';
import { cliErrorText, runCli, type ArduinoCli, type CallOptions } from './run.js';

export interface UploadOptions extends CallOptions {
  readonly port: string;
  readonly fqbn: string;
  /** The compile's build folder (`--input-dir`): upload exactly what was compiled. */
  readonly buildDir?: string;
  /** The sketch folder (arduino-cli wants one even with --input-dir). */
  readonly sketchDir: string;
  /** Default: the catalog's entry for the FQBN (its upload quirks and recovery advice). */
  readonly board?: BoardSpec;
  /** How long the port may take to come back after the upload; default 2 s, 15 s for boards that re-enumerate. */
  readonly waitForPortMs?: number;
  readonly verify?: boolean;
  /** Processes allowed to hold the port (a simulated board's own harness). */
  readonly ignoreHolderPids?: readonly number[];
  /**
   * How often avrdude tries to reach an optiboot bootloader (STK500 "arduino" protocol) before it gives up; each
   * try takes ~5 s. arduino-cli's own default is 10 (about a minute before "not responding"); ours is 3.
   */
  readonly syncAttempts?: number;
  /** Extra `--upload-property key=value` entries. */
  readonly uploadProperties?: readonly string[];
  /** Check that the port exists, may be opened and is free before running the uploader (default true). */
  readonly checkPortFirst?: boolean;
  readonly onProgress?: ProgressListener;
}

export interface UploadResult {
  /** Where the board is after the upload (boards that re-enumerate may come back on another port). */
  readonly port: string;
  readonly millis: number;
  /** The uploader's output (avrdude, bossac, …). */
  readonly output: string;
}

/** The parts of `upload --json` output we use: the uploader's text and the port the board came back on. */
export function parseUploadJson(json: unknown): { output: string; updatedPort?: string; error?: string } {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const nested = (typeof o.output === 'object' && o.output !== null ? o.output : {}) as Record<string, unknown>;
  const text = [o.stdout, o.stderr, nested.stdout, nested.stderr].filter((x) => typeof x === 'string' && x).join('\n');
  const upd = (typeof o.updated_upload_port === 'object' && o.updated_upload_port !== null ? o.updated_upload_port
    : {}) as Record<string, unknown>;
  return {
    output: text,
    ...(typeof upd.address === 'string' && upd.address ? { updatedPort: upd.address } : {}),
    ...(typeof o.error === 'string' ? { error: o.error } : {}),
  };
}

/** Pseudo-terminals (the simulated boards) are invisible to serial discovery, so arduino-cli must not look them up. */
export function isPseudoTerminal(port: string): boolean {
  return /^\/dev\/(pts\/\d+|ttyp[0-9a-f]|ttys\d{3})$/.test(port);
}

/** The arduino-cli upload arguments for a port, a board and our options (pure). */
export function uploadArgs(opts: Pick<UploadOptions, 'port' | 'fqbn' | 'buildDir' | 'sketchDir' | 'verify' |
  'syncAttempts' | 'uploadProperties'>, board: BoardSpec | undefined): string[] {
  // With -l serial arduino-cli insists on finding the port through discovery; without it, after the discovery
  // timeout it falls back to a plain serial port, which is what a pty needs.
  const args = ['upload', '-p', opts.port, ...(isPseudoTerminal(opts.port) ? ['--discovery-timeout', '100ms'] :
    ['-l', 'serial']), '--fqbn', opts.fqbn];
  if (opts.buildDir) args.push('--input-dir', opts.buildDir);
  if (opts.verify) args.push('--verify');
  if (board?.upload.avrdudeProtocol === 'arduino') {
    const attempts = Math.max(1, Math.min(10, Math.round(opts.syncAttempts ?? 3)));
    args.push('--upload-property', `upload.protocol=arduino -xattempts=${attempts}`);
  }
  for (const p of opts.uploadProperties ?? []) args.push('--upload-property', p);
  args.push('--', opts.sketchDir); // a sketch folder named "-h" is a path, not arduino-cli's help flag
  return args;
}

/** Fails fast, before the uploader runs, on a port that is missing, forbidden or held by another program. */
export async function checkPortBeforeUpload(ctx: PortContext, ignorePids: readonly number[] = []): Promise<void> {
  if (!(await portExists(ctx.port))) throw portNotFound(ctx);
  if (!(await portAccessible(ctx.port))) throw portPermission(ctx);
  const holders = await portHolders(ctx.port, ignorePids);
  if (holders.length > 0) throw portBusy({ ...ctx, holders });
}

export async function uploadSketch(cli: ArduinoCli, opts: UploadOptions): Promise<UploadResult> {
  const board = opts.board ?? boardForFqbn(opts.fqbn);
  const ctx: PortContext = { port: opts.port, ...(board ? { board } : {}) };
  opts.onProgress?.({ job: 'upload', stage: 'port', fraction: 0, message: `Checking ${opts.port}` });
  if (opts.checkPortFirst !== false) await checkPortBeforeUpload(ctx, opts.ignoreHolderPids);

  const args = uploadArgs(opts, board);
  const touch = board?.upload.touch1200bps === true;
  opts.onProgress?.({ job: 'upload', stage: 'upload', fraction: 0.1,
    message: touch ? `Resetting ${board?.name ?? 'the board'} into its bootloader (1200 bps touch)` : `Uploading to ${opts.port}` });
  const r = await runCli(cli, args, {
    ...opts,
    defaultTimeoutMs: 180_000,
    onStderrLine: (line) => opts.onProgress?.({ job: 'upload', stage: 'upload', fraction: 0.5, message: line }),
  });
  const parsed = parseUploadJson(r.json);
  if (r.exitCode !== 0) {
    const text = [parsed.error ?? cliErrorText(r), parsed.output, r.stderr].filter(Boolean).join('\n');
    throw classifyCliError(parsed.error ?? '', opts.fqbn) ?? classifyUploadFailure(text, ctx);
  }

  const finalPort = parsed.updatedPort ?? opts.port;
  const reenumerates = touch || board?.upload.waitForUploadPort === true;
  const waitMs = opts.waitForPortMs ?? (reenumerates ? 15_000 : 2_000);
  opts.onProgress?.({ job: 'upload', stage: 'port', fraction: 0.9, message: `Waiting for ${finalPort}` });
  if (!(await waitForPort(finalPort, waitMs, opts.signal))) {
    throw portGoneAfterUpload({ ...ctx, port: finalPort }, parsed.output);
  }
  opts.onProgress?.({ job: 'upload', stage: 'done', fraction: 1, message: `Uploaded to ${finalPort}` });
  return { port: finalPort, millis: r.millis, output: parsed.output };
}
