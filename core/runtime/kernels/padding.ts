// Window checks shared by convolution and pooling; the arithmetic itself is model/padding.ts.
import { windowOutSize, type Padding } from '../../model/index.js';

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
  const wantH = windowOutSize(padding, inH, fH, o.strideH, dilH);
  const wantW = windowOutSize(padding, inW, fW, o.strideW, dilW);
  if (wantH !== outH || wantW !== outW) return `output is ${outH}×${outW} but the window gives ${wantH}×${wantW}`;
  return undefined;
}
