// Shapes and index geometry of each op, shared by the C lowering and the access-order analysis so both agree.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import {
  constInts, elementCount, windowGeometry as sharedWindowGeometry, type Graph, type Op, type Tensor, type WindowGeometry,
} from '../model/index.js';

export function unsupported(message: string, advice = 'Re-export the model with int8 ops TinyDeploy supports, or use the TFLM backend.'): TinyDeployError {
  return new TinyDeployError(ErrorCode.CodegenUnsupported, message, { advice });
}

export function tensorOf(graph: Graph, index: number | undefined, what: string): Tensor {
  const t = index !== undefined && index >= 0 ? graph.tensors[index] : undefined;
  if (!t) throw unsupported(`${what}: tensor ${index} does not exist`);
  return t;
}

/** A shape right-aligned to 4 dimensions (leading ones), as TFLM's RuntimeShape::ExtendedShape(4). */
export function to4D(shape: readonly number[], what: string): [number, number, number, number] {
  if (shape.length > 4) throw unsupported(`${what} has ${shape.length} dimensions; the native backend handles at most 4`);
  const s = [1, 1, 1, 1, ...shape].slice(-4);
  return [s[0]!, s[1]!, s[2]!, s[3]!];
}

/** The values of a constant int tensor (axes, paddings, shapes); an error when it is not a constant int32/int64. */
export function constantInts(t: Tensor, what: string): number[] {
  const values = constInts(t);
  if (!values) throw unsupported(`${what} must be a constant int32 tensor`);
  return values;
}

/** A windowed op's geometry (model/window.ts, shared with the runtime kernels); a CodegenUnsupported error when it does not fit. */
export function windowGeometry(graph: Graph, op: Op): WindowGeometry {
  return sharedWindowGeometry(graph, op, (detail, advice) => { throw unsupported(`${op.type}: ${detail}`, advice); });
}

/** The first in-image tap of a window along one axis, or -1 when the whole window falls in the padding. */
export function firstTap(origin: number, filter: number, dilation: number, size: number): number {
  for (let k = 0; k < filter; k++) {
    const i = origin + k * dilation;
    if (i >= 0 && i < size) return i;
  }
  return -1;
}

/** Element strides of a 4-D shape. */
export function strides4(d: readonly number[]): [number, number, number, number] {
  return [d[1]! * d[2]! * d[3]!, d[2]! * d[3]!, d[3]!, 1];
}

/** Per-output-dim input strides for broadcasting: 0 where the input has extent 1 and the output does not. */
export function broadcastStrides(inShape: readonly number[], outDims: readonly number[], what: string): [number, number, number, number] {
  const d = to4D(inShape, what);
  const s = strides4(d);
  return [0, 1, 2, 3].map((k) => {
    if (d[k] === outDims[k]) return s[k]!;
    if (d[k] === 1) return 0;
    throw unsupported(`${what}: shape ${JSON.stringify(inShape)} does not broadcast to ${JSON.stringify(outDims)}`);
  }) as [number, number, number, number];
}

/** Axes reduced by MEAN, mapped onto the 4-D extended shape. */
export function meanReducedAxes(graph: Graph, op: Op): { dims: [number, number, number, number]; reduced: boolean[] } {
  const input = tensorOf(graph, op.inputs[0], 'MEAN input');
  const axes = constantInts(tensorOf(graph, op.inputs[1], 'MEAN axes'), 'MEAN axes');
  const dims = to4D(input.shape, 'MEAN input');
  const rank = input.shape.length;
  const reduced = [false, false, false, false];
  for (const a of axes) {
    const ax = a < 0 ? a + rank : a;
    if (ax < 0 || ax >= rank) throw unsupported(`MEAN axis ${a} is out of range for rank ${rank}`);
    reduced[ax + 4 - rank] = true;
  }
  return { dims, reduced };
}

/** PAD's 4-D before-padding from its constant paddings input. */
export function padAmounts(graph: Graph, op: Op): { inDims: [number, number, number, number]; outDims: [number, number, number, number]; before: number[] } {
  const input = tensorOf(graph, op.inputs[0], 'PAD input');
  const output = tensorOf(graph, op.outputs[0], 'PAD output');
  const pads = constantInts(tensorOf(graph, op.inputs[1], 'PAD paddings'), 'PAD paddings');
  const rank = input.shape.length;
  if (pads.length !== rank * 2) throw unsupported(`PAD paddings have ${pads.length} values for rank ${rank}`);
  const before = [0, 0, 0, 0];
  for (let d = 0; d < rank; d++) {
    before[d + 4 - rank] = pads[2 * d]!;
    if (pads[2 * d]! < 0 || pads[2 * d + 1]! < 0 || input.shape[d]! + pads[2 * d]! + pads[2 * d + 1]! !== output.shape[d]) {
      throw unsupported(`PAD paddings ${JSON.stringify(pads)} do not produce the output shape ${JSON.stringify(output.shape)}`);
    }
  }
  return { inDims: to4D(input.shape, 'PAD input'), outDims: to4D(output.shape, 'PAD output'), before };
}

/** CONCATENATION as `outer` rows, each the inputs' chunks side by side. */
export function concatLayout(graph: Graph, op: Op & { type: 'CONCATENATION' }): { outer: number; chunks: number[] } {
  const output = tensorOf(graph, op.outputs[0], 'CONCATENATION output');
  const rank = output.shape.length;
  const axis = op.options.axis < 0 ? op.options.axis + rank : op.options.axis;
  if (axis < 0 || axis >= rank) throw unsupported(`CONCATENATION axis ${op.options.axis} is out of range`);
  const outer = elementCount(output.shape.slice(0, axis));
  const chunks = op.inputs.map((i, k) => elementCount(tensorOf(graph, i, `CONCATENATION input ${k}`).shape.slice(axis)));
  return { outer, chunks };
}
