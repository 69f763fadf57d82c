// Validation on the board: the host sends N vectors in `@mode host`, the board answers with its int8 outputs,
// and the host compares them byte for byte with core/runtime (the golden model) and scores accuracy.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, mulberry32, type Graph } from '../model/index.js';
import { createInterpreter } from '../runtime/index.js';
import type { BoardSession } from './session.js';

export interface ValidationRequest {
  readonly session: BoardSession;
  /** The int8 graph the board was built from. */
  readonly graph: Graph;
  readonly inputs: readonly Int8Array[];
  /** Class index per input, when known: on-board accuracy is then reported. */
  readonly labels?: readonly number[];
  /** Refuse a board whose hello announces another model (FNV-1a 32 of the .tflite). */
  readonly expectHash?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ValidationMismatch {
  readonly index: number;
  readonly board: readonly number[];
  readonly host: readonly number[];
}

export interface ValidationReport {
  readonly total: number;
  /** Vectors whose every output byte equals core/runtime's. */
  readonly equal: number;
  /** equal / total. */
  readonly agreement: number;
  /** Share of labelled vectors the board classified right (argmax), when labels were given. */
  readonly accuracy?: number;
  /** The same for core/runtime, to show the board loses nothing. */
  readonly hostAccuracy?: number;
  readonly mismatches: readonly ValidationMismatch[];
  readonly meanLatencyUs: number;
  readonly maxLatencyUs: number;
}

/** n seeded random int8 vectors of the model's input size (core/model's mulberry32). */
export function randomInputs(graph: Graph, n: number, seed = 1): Int8Array[] {
  const size = elementCount(graph.tensors[graph.inputs[0]!]!.shape);
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => Int8Array.from({ length: size }, () => Math.floor(rand() * 256) - 128));
}

function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[best]!) best = i;
  return best;
}

export async function validateOnBoard(req: ValidationRequest): Promise<ValidationReport> {
  const { session, graph, inputs } = req;
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new TinyDeployError(ErrorCode.ModelShapeMismatch, 'Validation on the board supports models with one input and one output', {
      advice: 'Validate this model on the host (core/runtime) instead.',
    });
  }
  const hello = await session.waitForHello(req.timeoutMs ?? 10_000);
  const inSize = elementCount(graph.tensors[graph.inputs[0]!]!.shape);
  const outSize = elementCount(graph.tensors[graph.outputs[0]!]!.shape);
  const boardIn = hello.inShape.reduce((a, b) => a * b, 1);
  if (boardIn !== inSize || hello.outShape.reduce((a, b) => a * b, 1) !== outSize || (req.expectHash && req.expectHash !== hello.hash)) {
    throw new TinyDeployError(ErrorCode.ModelShapeMismatch,
      `The board runs "${hello.model}" (hash ${hello.hash}, in ${hello.inShape.join('x')}), not the model given (in ${graph.tensors[graph.inputs[0]!]!.shape.join('x')}${req.expectHash ? `, hash ${req.expectHash}` : ''})`,
      { advice: 'Deploy this model to the board first (tinydeploy deploy), or validate with the model the board runs.' });
  }
  const interpreter = createInterpreter(graph);
  await session.setMode('host');
  const mismatches: ValidationMismatch[] = [];
  let equal = 0;
  let right = 0;
  let hostRight = 0;
  let latency = 0;
  let maxLatency = 0;
  try {
    for (let i = 0; i < inputs.length; i++) {
      if (req.signal?.aborted) throw new TinyDeployError(ErrorCode.Cancelled, 'Validation was cancelled', { cause: req.signal.reason });
      const out = await session.infer(inputs[i]!, req.timeoutMs ?? 30_000);
      const host = interpreter.run([inputs[i]!])[0] as Int8Array;
      const same = out.q.length === host.length && out.q.every((b, k) => b === host[k]);
      if (same) equal++;
      else if (mismatches.length < 10) mismatches.push({ index: i, board: Array.from(out.q), host: Array.from(host) });
      const label = req.labels?.[i];
      if (label !== undefined) {
        if (argmax(out.q) === label) right++;
        if (argmax(host) === label) hostRight++;
      }
      latency += out.latencyUs;
      maxLatency = Math.max(maxLatency, out.latencyUs);
      req.onProgress?.(i + 1, inputs.length);
    }
  } finally {
    if (session.state === 'open') await session.setMode('stream').catch(() => undefined);
  }
  const labelled = req.labels ? Math.min(req.labels.length, inputs.length) : 0;
  return {
    total: inputs.length,
    equal,
    agreement: inputs.length ? equal / inputs.length : 0,
    ...(labelled > 0 ? { accuracy: right / labelled, hostAccuracy: hostRight / labelled } : {}),
    mismatches,
    meanLatencyUs: inputs.length ? latency / inputs.length : 0,
    maxLatencyUs: maxLatency,
  };
}
