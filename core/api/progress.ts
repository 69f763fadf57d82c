/** A progress event of a long job; fraction is in [0, 1] when known. */
export interface ProgressEvent {
  readonly job: string;
  readonly stage: string;
  readonly fraction?: number;
  readonly message?: string;
}

export type ProgressListener = (event: ProgressEvent) => void;

export function isProgressEvent(x: unknown): x is ProgressEvent {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.job === 'string' && typeof o.stage === 'string' &&
    (o.fraction === undefined || typeof o.fraction === 'number');
}
