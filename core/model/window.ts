// The geometry of a windowed op (CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D) from its tensors' shapes:
// one set of checks and numbers for the runtime kernels and the C lowering, so both run the same windows.
import type { Graph, Op, Padding } from './ir.js';
import { padBefore, windowOutSize } from './padding.js';

/** Everything a windowed op needs, in NHWC. */
export interface WindowGeometry {
  batches: number; inH: number; inW: number; inC: number;
  outH: number; outW: number; outC: number;
  /** filterInC: input channels per conv group (inC for depthwise and pooling). */
  filterH: number; filterW: number; filterInC: number;
  strideH: number; strideW: number; dilationH: number; dilationW: number;
  padTop: number; padLeft: number;
  /** Output channels per input channel of a depthwise conv (1 otherwise). */
  depthMultiplier: number;
}

/** Says what does not fit (one sentence, without the op's name) and does not return. */
export type WindowFail = (detail: string, advice?: string) => never;

const INCONSISTENT = 'The model file is inconsistent; re-export it.';
const dims = (s: readonly number[]): string => `[${s.join(',')}]`;

/** The window geometry of `op`, or `fail` with the first thing that does not fit. */
export function windowGeometry(graph: Graph, op: Op, fail: WindowFail): WindowGeometry {
  const shapeOf = (index: number | undefined, what: string): readonly number[] => {
    const t = index !== undefined && index >= 0 ? graph.tensors[index] : undefined;
    if (!t) return fail(`${what} is missing`);
    if (t.shape.length !== 4) return fail(`${what} must be 4-D (is ${dims(t.shape)})`);
    return t.shape;
  };
  const inS = shapeOf(op.inputs[0], 'input');
  const outS = shapeOf(op.outputs[0], 'output');
  const [batches, inH, inW, inC] = inS as [number, number, number, number];
  const [outN, outH, outW, outC] = outS as [number, number, number, number];
  if (batches !== outN) fail(`input batch ${batches} differs from output batch ${outN}`);
  let filterH: number, filterW: number, filterInC = inC, strideH: number, strideW: number;
  let dilationH = 1, dilationW = 1, depthMultiplier = 1;
  let padding: Padding;
  if (op.type === 'CONV_2D' || op.type === 'DEPTHWISE_CONV_2D') {
    const fS = shapeOf(op.inputs[1], 'filter');
    const [f0, fH, fW, f3] = fS as [number, number, number, number];
    filterH = fH; filterW = fW;
    ({ strideH, strideW, dilationH, dilationW, padding } = op.options);
    const mismatch = `filter ${dims(fS)} does not match input ${dims(inS)} and output ${dims(outS)}`;
    if (op.type === 'CONV_2D') {
      filterInC = f3;
      if (f0 !== outC || !(f3 > 0) || inC % f3 !== 0 || outC % (inC / f3) !== 0) fail(mismatch);
    } else {
      if (f0 !== 1 || f3 !== outC || !(inC > 0) || outC % inC !== 0) fail(mismatch);
      depthMultiplier = outC / inC;
      const declared = op.options.depthMultiplier;
      if (declared > 0 && declared !== depthMultiplier) fail(`depth_multiplier ${declared} does not match ${inC} → ${outC} channels`);
    }
  } else if (op.type === 'AVERAGE_POOL_2D' || op.type === 'MAX_POOL_2D') {
    ({ filterH, filterW, strideH, strideW, padding } = op.options);
    if (outC !== inC) fail(`pooling must keep the channel count (input ${dims(inS)}, output ${dims(outS)})`);
  } else {
    return fail(`${op.type} is not a windowed op`);
  }
  const positive = [['stride_h', strideH], ['stride_w', strideW], ['dilation_h', dilationH], ['dilation_w', dilationW], ['window height', filterH], ['window width', filterW]] as const;
  for (const [name, v] of positive) {
    if (!Number.isInteger(v) || v < 1) fail(`${name} is ${v}; it must be a positive integer`, INCONSISTENT);
  }
  const wantH = windowOutSize(padding, inH, filterH, strideH, dilationH);
  const wantW = windowOutSize(padding, inW, filterW, strideW, dilationW);
  if (wantH !== outH || wantW !== outW) fail(`output is ${outH}×${outW} but the ${padding} window gives ${wantH}×${wantW}`, INCONSISTENT);
  return {
    batches, inH, inW, inC, outH, outW, outC, filterH, filterW, filterInC, strideH, strideW, dilationH, dilationW,
    padTop: padBefore(padding, inH, filterH, strideH, dilationH),
    padLeft: padBefore(padding, inW, filterW, strideW, dilationW),
    depthMultiplier,
  };
}
