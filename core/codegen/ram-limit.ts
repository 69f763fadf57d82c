// The native backend's activation buffer is one static array in the board's internal RAM. A plan no board could
// hold is refused before anything is sized from it: a hostile or broken shape (a huge PAD) would otherwise make
// codegen itself allocate gigabytes.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { liveBytesPerOp, tensorBytes, type Graph } from '../model/index.js';
import type { BufferSet } from './lifetimes.js';
import type { MemoryPlan } from './planner.js';

/**
 * The most internal RAM of any board in core/boards (the simulated Cortex-M4F's 4 MiB; external PSRAM cannot hold
 * a static array). codegen may not import core/boards, so test/codegen/ram-limit.test.ts keeps the two in step.
 */
export const LARGEST_BOARD_RAM_BYTES = 4_194_304;

const bytes = (n: number): string => `${n.toLocaleString('en-US')} B`;

function tooBig(what: string, size: number, limit: number, advice: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.CodegenUnsupported,
    `${what} needs ${bytes(size)} of RAM, more than the largest board has (${bytes(limit)})`, { advice });
}

/** Every activation tensor on its own must fit; checked before lifetimes or access orders allocate per element. */
export function checkActivationSizes(graph: Graph, limit: number): void {
  graph.tensors.forEach((t, i) => {
    if (t.data) return;
    const size = tensorBytes(t);
    if (size <= limit) return;
    const k = graph.ops.findIndex((op) => op.outputs.includes(i));
    const producer = k >= 0 ? `written by op ${k} (${graph.ops[k]!.type})` : 'a graph input';
    throw tooBig(`tensor ${i} ("${t.name}", shape [${t.shape.join(', ')}], ${producer})`, size, limit,
      'Check the model\'s shapes: a padding, input size or reshape is probably wrong. Re-export the model with a smaller input resolution or fewer channels.');
  });
}

/** The planned buffer must fit too; the error names the op where the most bytes are live. */
export function checkArena(graph: Graph, set: BufferSet, plan: MemoryPlan, limit: number): void {
  if (plan.arenaBytes <= limit) return;
  const live = liveBytesPerOp(set.buffers, graph.ops.length);
  const k = live.indexOf(Math.max(...live));
  const at = k >= 0 ? ` (at op ${k}, ${graph.ops[k]!.type}, ${bytes(live[k]!)} are live at once)` : '';
  throw tooBig(`the planned activation buffer${at}`, plan.arenaBytes, limit,
    'Shrink the model\'s activations: a smaller input resolution, fewer channels, or an earlier pooling layer.');
}
