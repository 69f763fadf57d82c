// Small shared checks for the type guards of every DTO (arguments arrive from IPC or a socket: unknown until checked).
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function isString(x: unknown, maxLength = 4096): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= maxLength;
}

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function isOptional<T>(x: unknown, guard: (v: unknown) => v is T): x is T | undefined {
  return x === undefined || guard(x);
}

/** A job id the client picks so it can cancel the job and tell its events apart. */
export function isJobId(x: unknown): x is string {
  return typeof x === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(x);
}
