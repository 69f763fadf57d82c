// Window geometry shared by convolution and pooling, as tensorflow/lite/kernels/padding.h computes it.
import type { Padding } from '../../model/index.js';

/** Output size along one axis for a window of `filter` taps with the given stride and dilation. */
export function computeOutSize(padding: Padding, inSize: number, filter: number, stride: number, dilation = 1): number {
  const eff = (filter - 1) * dilation + 1;
  if (padding === 'SAME') return Math.floor((inSize + stride - 1) / stride);
  return Math.floor((inSize + stride - eff) / stride);
}

/** Padding before the first element (top or left); the odd extra goes after. */
export function computePadBefore(
  padding: Padding, inSize: number, filter: number, stride: number, dilation = 1,
): number {
  const out = computeOutSize(padding, inSize, filter, stride, dilation);
  const eff = (filter - 1) * dilation + 1;
  const total = Math.max(0, (out - 1) * stride + eff - inSize);
  return Math.floor(total / 2);
}

/** NHWC dims of a 4-D shape; callers check the rank first. */
export function nhwc(shape: readonly number[]): { n: number; h: number; w: number; c: number } {
  return { n: shape[0]!, h: shape[1]!, w: shape[2]!, c: shape[3]! };
}

/** Strides, dilations and window sizes must be positive and the output size must be what the window gives. */
export function windowError(
  padding: Padding, inH: number, inW: number, fH: number, fW: number, o: { strideH: number; strideW: number; dilH?: number; dilW?: number },
  outH: number, outW: number,
): string | undefined {
  const dilH = o.dilH ?? 1;
  const dilW = o.dilW ?? 1;
  for (const [name, v] of [['stride_h', o.strideH], ['stride_w', o.strideW], ['dilation_h', dilH], ['dilation_w', dilW], ['window height', fH], ['window width', fW]] as const) {
    if (!Number.isInteger(v) || v < 1) return `${name} is ${v}; it must be a positive integer`;
  }
  const wantH = computeOutSize(padding, inH, fH, o.strideH, dilH);
  const wantW = computeOutSize(padding, inW, fW, o.strideW, dilW);
  if (wantH !== outH || wantW !== outW) return `output is ${outH}×${outW} but the window gives ${wantH}×${wantW}`;
  return undefined;
}
