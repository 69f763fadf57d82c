// How far an op's output may start below (or above) an input it consumes, derived from the kernel's access order.
//
// Every kernel in native/kernels writes its output bytes in increasing order and reads, before writing byte j,
// only what output j needs. lo(j) is the lowest input byte read after write j-1 and up to write j; a write at
// byte j must land below every input byte still to be read, min(lo(k), k > j). With the output placed at
// input + delta, that gives delta <= min_j (min_{k>j} lo(k) - j - 1): the op's safe offset.
import { elementCount, type Graph, type Op } from '../model/index.js';
import {
  broadcastStrides, firstTap, meanReducedAxes, padAmounts, strides4, tensorOf, to4D, windowGeometry,
} from './geometry.js';

const NONE = Number.MAX_SAFE_INTEGER;

/** The largest safe output − input offset for input slot `slot` of `op`, or undefined when it may not overlap. */
export function safeOverlapDelta(graph: Graph, op: Op, slot: number): number | undefined {
  const lo = readStarts(graph, op, slot);
  if (!lo) return undefined;
  let futureMin = NONE;
  let delta = NONE;
  for (let j = lo.length - 1; j >= 0; j--) {
    if (futureMin !== NONE) delta = Math.min(delta, futureMin - j - 1);
    futureMin = Math.min(futureMin, lo[j]!);
  }
  return delta;
}

/** lo(j) for every output byte j, or undefined for ops whose writes are not in a known order. */
export function readStarts(graph: Graph, op: Op, slot: number): Float64Array | undefined {
  const out = tensorOf(graph, op.outputs[0], `${op.type} output`);
  const n = elementCount(out.shape);
  const lo = new Float64Array(n).fill(NONE);
  switch (op.type) {
    case 'FULLY_CONNECTED': {
      if (slot !== 0) return undefined;
      const filter = tensorOf(graph, op.inputs[1], 'FULLY_CONNECTED filter');
      const depth = filter.shape[filter.shape.length - 1]!;
      const outDepth = filter.shape[0]!;
      for (let j = 0; j < n; j++) lo[j] = Math.floor(j / outDepth) * depth;
      return lo;
    }
    case 'CONV_2D': case 'DEPTHWISE_CONV_2D': case 'AVERAGE_POOL_2D': case 'MAX_POOL_2D': {
      if (slot !== 0) return undefined;
      const g = windowGeometry(graph, op);
      const perGroup = op.type === 'CONV_2D' ? g.outC / (g.inC / g.filterInC) : 1;
      let j = 0;
      for (let b = 0; b < g.batches; b++) {
        for (let oy = 0; oy < g.outH; oy++) {
          const iy = firstTap(oy * g.strideH - g.padTop, g.filterH, g.dilationH, g.inH);
          for (let ox = 0; ox < g.outW; ox++) {
            const ix = firstTap(ox * g.strideW - g.padLeft, g.filterW, g.dilationW, g.inW);
            const base = iy < 0 || ix < 0 ? -1 : ((b * g.inH + iy) * g.inW + ix) * g.inC;
            for (let oc = 0; oc < g.outC; oc++, j++) {
              if (base < 0) continue;
              if (op.type === 'CONV_2D') lo[j] = base + Math.floor(oc / perGroup) * g.filterInC;
              else if (op.type === 'DEPTHWISE_CONV_2D') lo[j] = base + Math.floor(oc / g.depthMultiplier);
              else lo[j] = base + oc;
            }
          }
        }
      }
      return lo;
    }
    case 'ADD': case 'MUL': {
      const dims = to4D(out.shape, `${op.type} output`);
      const s = broadcastStrides(tensorOf(graph, op.inputs[slot], `${op.type} input`).shape, dims, op.type);
      let j = 0;
      for (let a = 0; a < dims[0]; a++) for (let b = 0; b < dims[1]; b++) for (let c = 0; c < dims[2]; c++) {
        for (let d = 0; d < dims[3]; d++) lo[j++] = a * s[0] + b * s[1] + c * s[2] + d * s[3];
      }
      return lo;
    }
    case 'MEAN': {
      if (slot !== 0) return undefined;
      const { dims, reduced } = meanReducedAxes(graph, op);
      const st = strides4(dims);
      const ext = dims.map((d, k) => (reduced[k] ? 1 : d));
      let j = 0;
      for (let a = 0; a < ext[0]!; a++) for (let b = 0; b < ext[1]!; b++) for (let c = 0; c < ext[2]!; c++) {
        for (let d = 0; d < ext[3]!; d++) lo[j++] = a * st[0] + b * st[1] + c * st[2] + d * st[3];
      }
      return lo;
    }
    case 'PAD': {
      if (slot !== 0) return undefined;
      const { inDims, outDims, before } = padAmounts(graph, op);
      const st = strides4(inDims);
      let j = 0;
      for (let a = 0; a < outDims[0]; a++) for (let b = 0; b < outDims[1]; b++) for (let c = 0; c < outDims[2]; c++) {
        for (let d = 0; d < outDims[3]; d++, j++) {
          const i = [a - before[0]!, b - before[1]!, c - before[2]!, d - before[3]!];
          if (i.every((v, k) => v >= 0 && v < inDims[k]!)) lo[j] = i[0]! * st[0] + i[1]! * st[1] + i[2]! * st[2] + i[3]!;
        }
      }
      return lo;
    }
    case 'SOFTMAX': case 'LOGISTIC': case 'TANH': case 'RELU': case 'RELU6': case 'QUANTIZE': {
      if (slot !== 0) return undefined;
      // SOFTMAX reads a whole row before the row's first write, which starts at that same byte.
      for (let j = 0; j < n; j++) lo[j] = j;
      return lo;
    }
    default:
      return undefined;
  }
}
