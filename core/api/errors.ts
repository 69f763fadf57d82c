// Error codes shared by every front end; numeric so they survive IPC, WebSocket and JSON unchanged.
export const ErrorCode = {
  Internal: 1,
  InvalidArgument: 2,
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

/** The serialisable form of an error, as sent over IPC or WebSocket. */
export interface ErrorDto {
  readonly code: ErrorCode;
  readonly name: string;
  readonly message: string;
  readonly advice?: string;
}

export function toErrorDto(err: unknown): ErrorDto {
  if (err instanceof TinyDeployError) {
    return { code: err.code, name: err.name, message: err.message, ...(err.advice ? { advice: err.advice } : {}) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: ErrorCode.Internal, name: 'Error', message };
}

export function isErrorDto(x: unknown): x is ErrorDto {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.code === 'number' && typeof o.message === 'string' && typeof o.name === 'string';
}
