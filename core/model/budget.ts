// The memory budget: every tensor, array or batch a reader or a training step will allocate is checked against it
// first, so a file that declares a huge shape gets an error naming it instead of exhausting the heap.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Graph } from './ir.js';

/** 256 MiB: far above any model or dataset a microcontroller workflow needs, far below what kills the process. */
export const DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024;

export interface BudgetOptions {
  /** The error code for a refusal (a broken model, or a broken dataset). */
  code?: ErrorCode;
  /** The budget in bytes; default DEFAULT_BUDGET_BYTES. */
  budgetBytes?: number;
  advice?: string;
}

const MIB = 1024 * 1024;
const mib = (n: number): string => (n >= MIB ? `${(n / MIB).toFixed(n >= 100 * MIB ? 0 : 1)} MiB` : `${Math.ceil(n)} bytes`);

/** Elements of a shape, or NaN when a dimension is not a non-negative integer (so every comparison fails). */
export function shapeElements(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) return NaN;
    n *= d;
  }
  return n;
}

/** The error for an allocation over budget; `what` names the tensor or array, `detail` its shape. */
export function overBudget(what: string, detail: string, bytes: number, options: BudgetOptions = {}): TinyDeployError {
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const size = Number.isFinite(bytes) ? mib(bytes) : 'an invalid size';
  return new TinyDeployError(options.code ?? ErrorCode.ModelMalformed,
    `${what} ${detail} would need ${size}, over the ${mib(budget)} memory budget.`,
    { advice: options.advice ?? 'The file declares a size no microcontroller model or dataset has; it is corrupted or not meant for TinyDeploy.' });
}

/** Throws unless `count` elements of `bytesPerElement` bytes fit the budget; `what` names the allocation. */
export function checkElements(what: string, count: number, bytesPerElement: number, options: BudgetOptions = {}): number {
  const bytes = count * bytesPerElement;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  if (!(Number.isFinite(bytes) && bytes >= 0 && bytes <= budget)) throw overBudget(what, `(${count} elements)`, bytes, options);
  return bytes;
}

/** Throws unless a tensor of `shape` with `bytesPerElement`-byte elements fits the budget; returns its bytes. */
export function checkShape(what: string, shape: readonly number[], bytesPerElement: number, options: BudgetOptions = {}): number {
  const count = shapeElements(shape);
  const bytes = count * bytesPerElement;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  if (!(Number.isFinite(bytes) && bytes <= budget)) {
    const bad = shape.find((d) => !Number.isSafeInteger(d) || d < 0);
    if (bad !== undefined) {
      throw new TinyDeployError(options.code ?? ErrorCode.ModelMalformed, `${what} has shape [${shape.join(', ')}], and ${bad} is not a size.`,
        { advice: options.advice ?? 'The file is corrupted; save or export it again.' });
    }
    throw overBudget(what, `of shape [${shape.join(', ')}]`, bytes, options);
  }
  return bytes;
}

/**
 * Bytes a float run of `graph` on `rows` samples allocates at once: every activation for every row (kept for
 * backprop when training, plus its gradient), and the parameters (with gradient and two Adam moments when training).
 */
export function floatRunBytes(graph: Graph, rows: number, training: boolean): number {
  let activations = 0;
  let params = 0;
  for (const t of graph.tensors) {
    const n = shapeElements(t.shape);
    if (t.data) params += n;
    else activations += n / Math.max(1, t.shape[0] ?? 1);
  }
  return 4 * (activations * rows * (training ? 2 : 1) + params * (training ? 4 : 1));
}

/** Throws before tfjs allocates, when a float run (evaluation, calibration, a training step) would pass the budget. */
export function checkFloatRun(graph: Graph, rows: number, training: boolean, what: string, options: BudgetOptions = {}): void {
  const bytes = floatRunBytes(graph, rows, training);
  if (Number.isFinite(bytes) && bytes <= (options.budgetBytes ?? DEFAULT_BUDGET_BYTES)) return;
  throw overBudget(`${what} of "${graph.name}"`, `on batches of ${rows} rows`, bytes, {
    code: ErrorCode.InvalidArgument,
    advice: 'Use a smaller batch size, or a smaller model (its activations are what a board would have to hold too).',
    ...options,
  });
}
