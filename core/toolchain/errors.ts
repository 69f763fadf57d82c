// Typed toolchain errors: each names the problem and carries the one action that fixes it (as `advice`).
import { ErrorCode, PORT_BUSY_ADVICE, PORT_NOT_FOUND_ADVICE, TinyDeployError, portPermissionAdvice } from '../api/index.js';
import { coreById, type BoardSpec } from '../boards/index.js';
import { ARDUINO_CLI_VERSION } from './pinned.js';

/** One compiler message, pointing at the sketch's own file when the compiler knows it. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'note';
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

export class ArduinoCliMissingError extends TinyDeployError {
  constructor(searched: readonly string[], cause?: unknown) {
    super(ErrorCode.ToolMissing, `arduino-cli was not found (looked in: ${searched.join(', ') || 'nowhere'}).`, {
      cause,
      advice: `Let TinyDeploy download arduino-cli ${ARDUINO_CLI_VERSION}, or install it and put it on your PATH, ` +
        'or set its location in the settings.',
    });
    this.name = 'ArduinoCliMissingError';
  }
}

/** The shell command that installs a core, with the extra package index when the core needs one. */
export function coreInstallCommand(coreId: string): string {
  const core = coreById(coreId);
  const urls = core?.additionalIndex ? ` --additional-urls ${core.indexUrl}` : '';
  return `arduino-cli core install ${coreId}${urls}`;
}

export class CoreMissingError extends TinyDeployError {
  readonly coreId: string;
  /** What the app's "Install" button runs (core/toolchain installCore does the same through the API). */
  readonly installCommand: string;
  constructor(coreId: string, cause?: unknown) {
    const command = coreInstallCommand(coreId);
    const name = coreById(coreId)?.name;
    super(ErrorCode.CoreMissing, `The board core ${coreId}${name ? ` (${name})` : ''} is not installed.`, {
      cause,
      advice: `Install it (needs internet once): click "Install core", or run: ${command}`,
    });
    this.name = 'CoreMissingError';
    this.coreId = coreId;
    this.installCommand = command;
  }
}

export class CompileFailedError extends TinyDeployError {
  readonly diagnostics: readonly Diagnostic[];
  /** The compiler's own text, for the "details" view. */
  readonly output: string;
  constructor(diagnostics: readonly Diagnostic[], output: string, summary?: string, advice?: string) {
    const first = diagnostics.find((d) => d.severity === 'error');
    const where = first ? `${first.file}:${first.line}${first.column ? `:${first.column}` : ''}: ${first.message}` : '';
    super(ErrorCode.CompileFailed, summary ?? `The sketch did not compile${where ? `: ${where}` : '.'}`, {
      advice: advice ?? (first ? `Fix line ${first.line} of ${baseName(first.file)} and compile again.` :
        'Read the compiler output below; the first error is usually the one to fix.'),
    });
    this.name = 'CompileFailedError';
    this.diagnostics = diagnostics;
    this.output = output;
  }
}

type PortCode = typeof ErrorCode.PortBusy | typeof ErrorCode.PortPermission | typeof ErrorCode.PortNotFound |
  typeof ErrorCode.BoardNotResponding | typeof ErrorCode.PortGoneAfterUpload | typeof ErrorCode.UploadFailed;

/** Every upload and port failure: the port it concerns and the uploader's output. */
export class PortError extends TinyDeployError {
  readonly port: string;
  readonly output: string;
  constructor(code: PortCode, port: string, message: string, advice: string, output = '', cause?: unknown) {
    super(code, message, { advice, cause });
    this.name = 'PortError';
    this.port = port;
    this.output = output;
  }
}

export interface PortContext {
  readonly port: string;
  readonly board?: BoardSpec;
  /** process.platform of the machine the port is on. */
  readonly platform?: string;
  /** Programs that hold the port open, when we could see them (e.g. "screen (pid 4242)"). */
  readonly holders?: readonly string[];
}

export function portBusy(ctx: PortContext, output = ''): PortError {
  const who = ctx.holders?.length ? ` by ${ctx.holders.join(', ')}` : ' by another program';
  return new PortError(ErrorCode.PortBusy, ctx.port, `${ctx.port} is in use${who}.`,
    PORT_BUSY_ADVICE, output);
}

export function portPermission(ctx: PortContext, output = ''): PortError {
  const advice = portPermissionAdvice(ctx.platform ?? process.platform);
  return new PortError(ErrorCode.PortPermission, ctx.port, `You are not allowed to open ${ctx.port}.`, advice, output);
}

export function portNotFound(ctx: PortContext, output = ''): PortError {
  return new PortError(ErrorCode.PortNotFound, ctx.port, `There is no port ${ctx.port}.`,
    PORT_NOT_FOUND_ADVICE, output);
}

export function boardNotResponding(ctx: PortContext, output = ''): PortError {
  const name = ctx.board?.name ?? 'The board';
  return new PortError(ErrorCode.BoardNotResponding, ctx.port, `${name} on ${ctx.port} did not answer the uploader.`,
    ctx.board?.upload.recovery ?? 'Check that the chosen board matches the one plugged in, press reset once, ' +
      'and upload again.', output);
}

export function portGoneAfterUpload(ctx: PortContext, output = ''): PortError {
  const recovery = ctx.board?.upload.recovery;
  return new PortError(ErrorCode.PortGoneAfterUpload, ctx.port,
    `The upload finished but ${ctx.port} did not come back.`,
    `Unplug and replug the board and pick its port again${recovery ? `; if no port appears: ${recovery}` : '.'}`,
    output);
}

export function uploadFailed(ctx: PortContext, output: string, detail?: string): PortError {
  return new PortError(ErrorCode.UploadFailed, ctx.port, `The upload to ${ctx.port} failed${detail ? `: ${detail}` : '.'}`,
    'Check the board and port chosen, press reset once, and upload again; the uploader output has details.', output);
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
