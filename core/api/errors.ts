// Error codes shared by every front end; numeric so they survive IPC, WebSocket and JSON unchanged.
export const ErrorCode = {
  Internal: 1,
  InvalidArgument: 2,
  /** The request is valid but this build or machine cannot do it (a missing part, not a bad input). */
  NotAvailable: 3,
  ModelMalformed: 100,
  ModelUnsupportedOps: 101,
  ModelUnsupportedType: 102,
  ModelShapeMismatch: 103,
  ModelTooLarge: 104,
  DatasetMalformed: 120,
  RuntimeUnsupported: 200,
  CodegenUnsupported: 300,
  ToolMissing: 400,
  CoreMissing: 401,
  CompileFailed: 402,
  PortBusy: 410,
  PortPermission: 411,
  PortNotFound: 412,
  BoardNotResponding: 413,
  PortGoneAfterUpload: 414,
  UploadFailed: 415,
  Cancelled: 500,
  Timeout: 501,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error that crosses the api: a code, a message a student can act on, optional advice and cause. */
export class TinyDeployError extends Error {
  readonly code: ErrorCode;
  readonly advice?: string;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; advice?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TinyDeployError';
    this.code = code;
    if (options?.advice !== undefined) this.advice = options.advice;
  }
}

/** One compiler message as the UI lists it (same fields as core/toolchain's Diagnostic). */
export interface DiagnosticDto {
  readonly severity: 'error' | 'warning' | 'note';
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

/** The serialisable form of an error, as sent over IPC or WebSocket, with what a UI needs to offer the fix. */
export interface ErrorDto {
  readonly code: ErrorCode;
  readonly name: string;
  readonly message: string;
  readonly advice?: string;
  /** Compiler messages (CompileFailed). */
  readonly diagnostics?: readonly DiagnosticDto[];
  /** The command that installs what is missing (CoreMissing), for an "Install" button or a terminal. */
  readonly installCommand?: string;
  /** The serial port the error concerns (Port* codes). */
  readonly port?: string;
  /** Ops or layers the model uses that TinyDeploy cannot run (ModelUnsupportedOps). */
  readonly unsupportedOps?: readonly string[];
  /** The tool's own output (compiler, uploader), for a "details" view. */
  readonly output?: string;
}

function isDiagnostic(x: unknown): x is DiagnosticDto {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.file === 'string' && typeof o.line === 'number' && typeof o.message === 'string' &&
    (o.severity === 'error' || o.severity === 'warning' || o.severity === 'note');
}

/** The UI fields of an error subclass, read structurally so core/api imports nothing from the other folders. */
function extras(err: Record<string, unknown>): Partial<ErrorDto> {
  const out: { -readonly [K in keyof ErrorDto]?: ErrorDto[K] } = {};
  if (Array.isArray(err.diagnostics)) out.diagnostics = err.diagnostics.filter(isDiagnostic).map((d) => ({ ...d }));
  if (typeof err.installCommand === 'string') out.installCommand = err.installCommand;
  if (typeof err.port === 'string') out.port = err.port;
  if (typeof err.output === 'string' && err.output !== '') out.output = err.output.slice(-20_000);
  const ops = Array.isArray(err.ops) ? err.ops : Array.isArray(err.layers) ? err.layers : undefined;
  if (ops) {
    out.unsupportedOps = ops.map((o: unknown) => (typeof o === 'string' ? o :
      typeof o === 'object' && o !== null && 'className' in o ? `${String((o as { className: unknown }).className)} '${String((o as { name?: unknown }).name ?? '')}'` : String(o)));
  }
  return out;
}

export function toErrorDto(err: unknown): ErrorDto {
  if (err instanceof TinyDeployError) {
    return {
      code: err.code, name: err.name, message: err.message, ...(err.advice ? { advice: err.advice } : {}),
      ...extras(err as unknown as Record<string, unknown>),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: ErrorCode.Internal, name: 'Error', message };
}

/** An ErrorDto back into a throwable error on the client side, keeping every field. */
export class RemoteError extends Error {
  readonly dto: ErrorDto;
  constructor(dto: ErrorDto) {
    super(dto.message);
    this.name = dto.name;
    this.dto = dto;
  }
}

export function isErrorDto(x: unknown): x is ErrorDto {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.code === 'number' && typeof o.message === 'string' && typeof o.name === 'string' &&
    (o.advice === undefined || typeof o.advice === 'string') &&
    (o.diagnostics === undefined || (Array.isArray(o.diagnostics) && o.diagnostics.every(isDiagnostic))) &&
    (o.installCommand === undefined || typeof o.installCommand === 'string') &&
    (o.port === undefined || typeof o.port === 'string') &&
    (o.unsupportedOps === undefined || (Array.isArray(o.unsupportedOps) && o.unsupportedOps.every((s) => typeof s === 'string')));
}
