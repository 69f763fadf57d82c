// Graph validation, shared by every reader (and so by inspect, compress and native): a graph that passes can be
// run, planned and trained without reading a tensor nobody produced or allocating more than the memory budget.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { checkShape, DEFAULT_BUDGET_BYTES, overBudget } from './budget.js';
import { DTYPE_BYTES, type Graph, type Op, type Tensor } from './ir.js';
import { inferShapes } from './shapes.js';

/** Strides, dilations and windows beyond this are not in any real model; they only make sizes overflow. */
const MAX_WINDOW = 1 << 16;
const FLOAT32_MAX = 3.4028234663852886e38;

export interface ValidateOptions {
  /** Names the file in messages, e.g. "Malformed .tflite file". */
  source?: string;
  budgetBytes?: number;
}

export class GraphInvalidError extends TinyDeployError {
  constructor(source: string, detail: string) {
    super(ErrorCode.ModelMalformed, `${source}: ${detail}.`, {
      advice: 'The model file is inconsistent or corrupted; export it again from the training framework.',
    });
    this.name = 'GraphInvalidError';
  }
}

const label = (g: Graph, i: number): string => (g.tensors[i]?.name ? `tensor ${i} "${g.tensors[i]?.name}"` : `tensor ${i}`);

/** The first element of a float32 constant that is NaN, ±Inf (or outside float32), or -1 when all are finite. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= -FLOAT32_MAX && v <= FLOAT32_MAX)) return i;
  }
  return -1;
}

function checkTensors(g: Graph, fail: (d: string) => never, budgetBytes: number, source: string): void {
  let activationBytes = 0;
  g.tensors.forEach((t: Tensor, i) => {
    const bytes = checkShape(`${source}: ${label(g, i)}`, t.shape, DTYPE_BYTES[t.dtype], { budgetBytes });
    if (!t.data) { activationBytes += bytes; return; }
    if (t.dtype === 'float32') {
      if (t.data.length !== 4 * Math.round(bytes / 4)) fail(`${label(g, i)} of shape [${t.shape.join(', ')}] holds ${t.data.length} bytes, not ${bytes}`);
      const values = new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.length));
      const bad = firstNonFinite(values);
      if (bad >= 0) fail(`${label(g, i)} holds ${values[bad]} at index ${bad}; weights must be finite float32 numbers`);
    }
  });
  if (activationBytes > budgetBytes) {
    throw overBudget(`${source}: the activations together`, `(${g.tensors.filter((t) => !t.data).length} tensors)`, activationBytes, { budgetBytes });
  }
}

function checkWindows(op: Op, fail: (d: string) => never, where: string): void {
  if (op.type !== 'CONV_2D' && op.type !== 'DEPTHWISE_CONV_2D' && op.type !== 'AVERAGE_POOL_2D' && op.type !== 'MAX_POOL_2D') return;
  const o = op.options as unknown as Record<string, unknown>;
  for (const key of ['strideH', 'strideW', 'dilationH', 'dilationW', 'filterH', 'filterW', 'depthMultiplier']) {
    const v = o[key];
    if (v === undefined) continue;
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_WINDOW)) fail(`${where} has ${key} ${String(v)}; it must be an integer from 1 to ${MAX_WINDOW}`);
  }
}

/** Every index in range, every tensor produced once and before it is read (so no cycles), outputs produced. */
function checkDataflow(g: Graph, fail: (d: string) => never): void {
  const n = g.tensors.length;
  const inRange = (i: number): boolean => Number.isInteger(i) && i >= 0 && i < n;
  if (g.inputs.length === 0) fail('the graph has no inputs');
  if (g.outputs.length === 0) fail('the graph has no outputs');
  const ready = new Set<number>();
  g.tensors.forEach((t, i) => { if (t.data || t.isVariable) ready.add(i); });
  for (const i of g.inputs) {
    if (!inRange(i)) fail(`a graph input refers to tensor ${i}, but there are ${n} tensors`);
    if (g.tensors[i]?.data) fail(`graph input ${label(g, i)} is a constant`);
    ready.add(i);
  }
  g.ops.forEach((op, k) => {
    const where = `op ${k} (${op.type})`;
    checkWindows(op, fail, where);
    for (const i of op.inputs) {
      if (i === -1) continue;
      if (!inRange(i)) fail(`${where} reads tensor ${i}, but there are ${n} tensors`);
      if (!ready.has(i)) fail(`${where} reads ${label(g, i)}, which no earlier op produces and which is neither an input nor a constant (a dangling tensor)`);
    }
    if (op.outputs.length === 0) fail(`${where} has no output`);
    for (const o of op.outputs) {
      if (!inRange(o)) fail(`${where} writes tensor ${o}, but there are ${n} tensors`);
      if (ready.has(o)) fail(`${where} writes ${label(g, o)}, which is already an input, a constant or another op's output`);
      ready.add(o);
    }
  });
  for (const o of g.outputs) {
    if (!inRange(o)) fail(`a graph output refers to tensor ${o}, but there are ${n} tensors`);
    if (!ready.has(o)) fail(`graph output ${label(g, o)} is never produced (a dangling output)`);
  }
}

/**
 * Checks a graph a reader produced: dataflow (see checkDataflow), windows, every tensor's size against the memory
 * budget, finite float weights, then shape inference. Throws TinyDeployError (ModelMalformed or ModelShapeMismatch).
 */
export function validateGraph(graph: Graph, options: ValidateOptions = {}): void {
  const source = options.source ?? 'Malformed model';
  const fail = (detail: string): never => { throw new GraphInvalidError(source, detail); };
  checkDataflow(graph, fail);
  checkTensors(graph, fail, options.budgetBytes ?? DEFAULT_BUDGET_BYTES, source);
  inferShapes(graph);
}
