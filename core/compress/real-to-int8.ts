// Scale and zero point the way the TFLite converter picks them, and symmetric per-channel weight quantization.
import { roundHalfAway } from '../model/index.js';

export interface QuantParams { scale: number; zeroPoint: number }
export interface Range { min: number; max: number }

const QMIN = -128;
const QMAX = 127;

/**
 * Asymmetric int8 params for a real range. Like the converter: the range is widened to include 0, the zero
 * point comes from whichever end gives the smaller error, is rounded and clamped; the scale is stored as float32.
 */
export function activationParams(range: Range): QuantParams {
  const min = Math.min(range.min, 0);
  const max = Math.max(range.max, 0);
  if (!(max - min > 0) || !Number.isFinite(max - min)) return { scale: 1, zeroPoint: QMIN };
  const scale = (max - min) / (QMAX - QMIN);
  const fromMin = QMIN - min / scale;
  const fromMax = QMAX - max / scale;
  const errMin = Math.abs(QMIN) + Math.abs(min / scale);
  const errMax = Math.abs(QMAX) + Math.abs(max / scale);
  const zp = errMin < errMax ? fromMin : fromMax;
  const zeroPoint = zp <= QMIN ? QMIN : zp >= QMAX ? QMAX : roundHalfAway(zp);
  return { scale: Math.fround(scale), zeroPoint };
}

/** Quantizes one real value with params (round half away from zero, clamp to int8). */
export function quantizeValue(x: number, p: QuantParams): number {
  const q = roundHalfAway(x / p.scale) + p.zeroPoint;
  return q < QMIN ? QMIN : q > QMAX ? QMAX : q;
}

export interface WeightQuant { values: Int8Array; scales: number[] }

/**
 * Symmetric int8 weights in [-127, 127], zero point 0: one scale per slice along `axis` (per-channel), or one
 * scale for the whole tensor when `perChannel` is false. scale = max|w| / 127, stored as float32.
 */
export function quantizeWeights(values: Float32Array, shape: readonly number[], axis: number, perChannel: boolean): WeightQuant {
  const channels = perChannel ? shape[axis]! : 1;
  const inner = perChannel ? shape.slice(axis + 1).reduce((a, b) => a * b, 1) : 1;
  const channelOf = (i: number): number => (perChannel ? Math.floor(i / inner) % channels : 0);
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i);
    const a = Math.abs(values[i]!);
    if (a > maxAbs[c]!) maxAbs[c] = a;
  }
  const scales = Array.from(maxAbs, (m) => (m > 0 ? Math.fround(m / 127) : 1));
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const q = roundHalfAway(values[i]! / scales[channelOf(i)]!);
    out[i] = q < -127 ? -127 : q > 127 ? 127 : q;
  }
  return { values: out, scales };
}

/** int32 bias with scale input_scale · weight_scale[c] and zero point 0. */
export function quantizeBias(values: Float32Array, inputScale: number, weightScales: readonly number[]): { values: Int32Array; scales: number[] } {
  const scales = weightScales.map((w) => Math.fround(inputScale * w));
  const out = new Int32Array(values.length);
  for (let c = 0; c < values.length; c++) {
    const q = roundHalfAway(values[c]! / scales[scales.length === 1 ? 0 : c]!);
    out[c] = Math.max(-2147483647, Math.min(2147483647, q));
  }
  return { values: out, scales };
}

/** Quantize then dequantize: what the int8 model sees of a real value. */
export function fakeQuant(x: number, p: QuantParams): number {
  return (quantizeValue(x, p) - p.zeroPoint) * p.scale;
}
