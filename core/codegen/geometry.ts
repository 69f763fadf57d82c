// Shapes and index geometry of each op, shared by the C lowering and the access-order analysis so both agree.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { constInts, elementCount, padBefore, windowOutSize, type Graph, type Op, type Padding, type Tensor } from '../model/index.js';

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

/** TFLM's ComputePaddingWithOffset for the model's output size, which must be the one the padding type gives. */
function checkedPadBefore(padding: Padding, inSize: number, filter: number, stride: number, dilation: number, outSize: number, what: string): number {
  const expected = windowOutSize(padding, inSize, filter, stride, dilation);
  if (expected !== outSize) {
    throw unsupported(`${what}: output size ${outSize} does not match ${padding} padding (expected ${expected})`,
      'The model file is inconsistent; re-export it.');
  }
  return padBefore(padding, inSize, filter, stride, dilation);
}

/** Everything a windowed op (conv, depthwise, pool) needs, in NHWC. */
export interface WindowGeometry {
  batches: number; inH: number; inW: number; inC: number;
  outH: number; outW: number; outC: number;
  filterH: number; filterW: number; filterInC: number;
  strideH: number; strideW: number; dilationH: number; dilationW: number;
  padTop: number; padLeft: number; depthMultiplier: number;
}

export function windowGeometry(graph: Graph, op: Op): WindowGeometry {
  const what = `${op.type}`;
  const input = tensorOf(graph, op.inputs[0], `${what} input`);
  const output = tensorOf(graph, op.outputs[0], `${what} output`);
  if (input.shape.length !== 4 || output.shape.length !== 4) throw unsupported(`${what} needs 4-D NHWC input and output`);
  const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
  const [, outH, outW, outC] = output.shape as [number, number, number, number];
  let filterH: number, filterW: number, filterInC = inC, strideH: number, strideW: number;
  let dilationH = 1, dilationW = 1, depthMultiplier = 1;
  let padding: Padding;
  if (op.type === 'CONV_2D' || op.type === 'DEPTHWISE_CONV_2D') {
    const filter = tensorOf(graph, op.inputs[1], `${what} filter`);
    if (filter.shape.length !== 4) throw unsupported(`${what} filter must be 4-D`);
    filterH = filter.shape[1]!; filterW = filter.shape[2]!;
    ({ strideH, strideW, dilationH, dilationW, padding } = op.options);
    if (op.type === 'CONV_2D') {
      filterInC = filter.shape[3]!;
      if (filter.shape[0] !== outC || inC % filterInC !== 0 || outC % (inC / filterInC) !== 0) {
        throw unsupported(`${what}: filter ${JSON.stringify(filter.shape)} does not fit input channels ${inC} and output channels ${outC}`);
      }
    } else {
      depthMultiplier = outC / inC;
      if (!Number.isInteger(depthMultiplier) || filter.shape[3] !== outC) {
        throw unsupported(`${what}: output channels ${outC} are not a multiple of input channels ${inC}`);
      }
    }
  } else if (op.type === 'AVERAGE_POOL_2D' || op.type === 'MAX_POOL_2D') {
    ({ filterH, filterW, strideH, strideW, padding } = op.options);
    if (outC !== inC) throw unsupported(`${what}: pooling must keep the channel count`);
  } else {
    throw unsupported(`${what} is not a windowed op`);
  }
  const padTop = checkedPadBefore(padding, inH, filterH, strideH, dilationH, outH, what);
  const padLeft = checkedPadBefore(padding, inW, filterW, strideW, dilationW, outW, what);
  return {
    batches, inH, inW, inC, outH, outW, outC, filterH, filterW, filterInC, strideH, strideW, dilationH, dilationW,
    padTop, padLeft, depthMultiplier,
  };
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
