// Window arithmetic of convolution and pooling (tensorflow/lite/kernels/padding.h): the one copy that shape
// inference, the runtime kernels and codegen share, so a model's padding cannot mean two things.
import type { Padding } from './ir.js';

/** Output size along one axis for a window of `filter` taps (TFLite's ComputeOutSize); eff = (f-1)*d+1. */
export function windowOutSize(padding: Padding, inSize: number, filter: number, stride: number, dilation = 1): number {
  const eff = (filter - 1) * dilation + 1;
  if (padding === 'SAME') return Math.floor((inSize + stride - 1) / stride);
  return Math.floor((inSize + stride - eff) / stride);
}

/** Padding before the first element (top or left) along one axis; the odd extra pixel goes after (0 for VALID). */
export function padBefore(padding: Padding, inSize: number, filter: number, stride: number, dilation = 1): number {
  const eff = (filter - 1) * dilation + 1;
  const out = windowOutSize(padding, inSize, filter, stride, dilation);
  return Math.floor(Math.max(0, (out - 1) * stride + eff - inSize) / 2);
}
