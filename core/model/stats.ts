// Per-layer statistics (parameters, MACs, weight and activation bytes) for the inspect table and the fit check.
import { elementCount, tensorBytes, type Graph, type Op, type OpType } from './ir.js';

/**
 * One op's figures.
 * - params / weightBytes: elements / bytes of its constant inputs (weights, biases, constant operands), not of
 *   inputs that only configure it (RESHAPE's shape, MEAN's axes, PAD's paddings).
 * - macs: multiply-accumulates of FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D; every other op counts 0
 *   (pooling, element-wise and reductions do no weight multiplications).
 * - activationBytes: bytes of its non-constant inputs plus its outputs.
 */
export interface LayerStat {
  index: number;
  op: OpType;
  /** Shapes of all inputs in order; null for an absent optional input. */
  inputShapes: (number[] | null)[];
  outputShapes: number[][];
  params: number;
  macs: number;
  weightBytes: number;
  activationBytes: number;
}

export interface GraphStats {
  ops: LayerStat[];
  totals: {
    /** Each constant tensor counted once, even when several ops share it. */
    params: number;
    macs: number;
    weightBytes: number;
    /** All non-constant tensors together, with no memory reuse (an upper bound for the activation arena). */
    activationBytes: number;
    /** The largest single op's activationBytes. Not the no-overlap peak (lifetimes.ts), which adds tensors alive across the op; an in-place op needs less. */
    peakLayerActivationBytes: number;
  };
}

/** Inputs that configure an op rather than weight it: index of that input per op type. */
const CONFIG_INPUT: Partial<Record<OpType, number>> = { RESHAPE: 1, MEAN: 1, PAD: 1 };

/** Multiply-accumulates of one op, computed from the model's tensor shapes. */
export function opMacs(graph: Graph, op: Op): number {
  const shape = (i: number): number[] => graph.tensors[i]?.shape ?? [];
  switch (op.type) {
    case 'FULLY_CONNECTED': {
      const [units, depth] = shape(op.inputs[1]);
      if (!depth) return 0;
      return (elementCount(shape(op.inputs[0])) / depth) * units * depth;
    }
    case 'CONV_2D': {
      const [n, h, w, c] = shape(op.outputs[0]);
      const [, kh, kw, depth] = shape(op.inputs[1]);
      return n * h * w * c * kh * kw * depth;
    }
    case 'DEPTHWISE_CONV_2D': {
      const [n, h, w, c] = shape(op.outputs[0]);
      const [, kh, kw] = shape(op.inputs[1]);
      return n * h * w * c * kh * kw;
    }
    default:
      return 0;
  }
}

/** Constant tensors of the op that count as its parameters. */
function paramInputs(graph: Graph, op: Op): number[] {
  const config = CONFIG_INPUT[op.type];
  return op.inputs.filter((t, k) => t >= 0 && k !== config && graph.tensors[t]?.data !== undefined);
}

export function layerStats(graph: Graph): GraphStats {
  const bytesOf = (i: number): number => tensorBytes(graph.tensors[i]);
  const ops = graph.ops.map((op, index): LayerStat => {
    const params = paramInputs(graph, op);
    const activations = [
      ...op.inputs.filter((t) => t >= 0 && graph.tensors[t]?.data === undefined),
      ...op.outputs,
    ];
    return {
      index,
      op: op.type,
      inputShapes: op.inputs.map((t) => (t >= 0 ? [...graph.tensors[t].shape] : null)),
      outputShapes: op.outputs.map((t) => [...graph.tensors[t].shape]),
      params: params.reduce((n, t) => n + elementCount(graph.tensors[t].shape), 0),
      macs: opMacs(graph, op),
      weightBytes: params.reduce((n, t) => n + bytesOf(t), 0),
      activationBytes: activations.reduce((n, t) => n + bytesOf(t), 0),
    };
  });
  const uniqueParams = new Set(graph.ops.flatMap((op) => paramInputs(graph, op)));
  const activationTensors = new Set(graph.tensors.map((t, i) => (t.data ? -1 : i)).filter((i) => i >= 0));
  return {
    ops,
    totals: {
      params: [...uniqueParams].reduce((n, t) => n + elementCount(graph.tensors[t].shape), 0),
      macs: ops.reduce((n, s) => n + s.macs, 0),
      weightBytes: [...uniqueParams].reduce((n, t) => n + bytesOf(t), 0),
      activationBytes: [...activationTensors].reduce((n, t) => n + bytesOf(t), 0),
      peakLayerActivationBytes: ops.reduce((m, s) => Math.max(m, s.activationBytes), 0),
    },
  };
}
