// Scalar int8 quantization math shared by the runtime and codegen: TFLM's Prepare-time helpers, reproduced exactly.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Activation } from './ir.js';

/** A fixed-point multiplier in TFLM's form: real ≈ multiplier · 2^(shift − 31), multiplier in [2^30, 2^31). */
export interface QuantizedMultiplier {
  multiplier: number;
  shift: number;
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
const TWO_POW_31 = 2147483648;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** C's frexp: x = mantissa · 2^exponent with |mantissa| in [0.5, 1); (0, 0) for 0; NaN/Inf pass through with 0. */
export function frexp(x: number): { mantissa: number; exponent: number } {
  if (x === 0 || !Number.isFinite(x)) return { mantissa: x, exponent: 0 };
  let extra = 0;
  let v = x;
  if (Math.abs(v) < 2.2250738585072014e-308) { v *= 2 ** 64; extra = -64; }
  f64[0] = v;
  const hi = u32[HI]!;
  const biased = (hi >>> 20) & 0x7ff;
  u32[HI] = (hi & 0x800fffff) | (1022 << 20);
  return { mantissa: f64[0], exponent: biased - 1022 + extra };
}

/** C's round()/roundf(): nearest integer, ties away from zero (exact for every double). */
export function roundHalfAway(x: number): number {
  const t = Math.trunc(x);
  const frac = x - t;
  if (frac >= 0.5) return t + 1;
  if (frac <= -0.5) return t - 1;
  return t;
}

/** TFLM QuantizeMultiplier (double-rounding build): frexp, round half away, 2^31 → 2^30 with shift + 1, flush tiny. */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  if (real === 0) return { multiplier: 0, shift: 0 };
  if (!Number.isFinite(real)) {
    throw new TinyDeployError(ErrorCode.RuntimeUnsupported, `quantizeMultiplier: multiplier ${real} is not finite`, {
      advice: 'Check the model for zero or missing quantization scales.',
    });
  }
  const { mantissa, exponent } = frexp(real);
  let shift = exponent;
  let q = roundHalfAway(mantissa * TWO_POW_31);
  if (q === TWO_POW_31) { q /= 2; shift += 1; }
  if (shift < -31) return { multiplier: 0, shift: 0 };
  return { multiplier: q, shift };
}

/** QuantizeMultiplierGreaterThanOne: TFLM aborts unless real > 1 (and the shift is therefore ≥ 0). */
export function quantizeMultiplierGreaterThanOne(real: number): QuantizedMultiplier {
  if (!(real > 1)) throw rangeError('quantizeMultiplierGreaterThanOne', real, '> 1');
  return quantizeMultiplier(real);
}

/** QuantizeMultiplierSmallerThanOneExp: TFLM aborts unless 0 < real < 1; the shift is ≤ 0. */
export function quantizeMultiplierSmallerThanOneExp(real: number): QuantizedMultiplier {
  if (!(real > 0 && real < 1)) throw rangeError('quantizeMultiplierSmallerThanOneExp', real, 'in (0, 1)');
  return quantizeMultiplier(real);
}

function rangeError(fn: string, real: number, want: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.RuntimeUnsupported, `${fn}: multiplier ${real} must be ${want}`, {
    advice: 'The quantization scales of this op are outside what TFLite Micro accepts; re-quantize the model.',
  });
}

/** CalculateInputRadius: floor(((2^intBits − 1) · 2^(total − intBits)) / 2^leftShift), in double as TFLM does. */
export function calculateInputRadius(inputIntegerBits: number, inputLeftShift: number, totalSignedBits = 31): number {
  const maxRescaled = ((2 ** inputIntegerBits - 1) * 2 ** (totalSignedBits - inputIntegerBits)) / 2 ** inputLeftShift;
  return Math.floor(maxRescaled);
}

/** TFLM's kernel_util Quantize(): zp + roundf(f / scale), the division in float32. */
export function quantizeFloatToInt(f: number, scale: number, zeroPoint: number): number {
  const tmp = roundHalfAway(Math.fround(Math.fround(f) / Math.fround(scale)));
  if (!(tmp >= INT32_MIN && tmp <= INT32_MAX)) {
    throw new TinyDeployError(ErrorCode.RuntimeUnsupported, `activation bound ${f} overflows int32 at scale ${scale}`, {
      advice: 'The output scale is too small; re-quantize the model.',
    });
  }
  return zeroPoint + tmp;
}

export interface ActivationRange { min: number; max: number }

/** CalculateActivationRangeQuantized for an output of range [qmin, qmax] (int8 by default). */
export function activationRangeQuantized(
  activation: Activation, scale: number, zeroPoint: number, qmin = -128, qmax = 127,
): ActivationRange {
  switch (activation) {
    case 'RELU':
      return { min: Math.max(qmin, quantizeFloatToInt(0, scale, zeroPoint)), max: qmax };
    case 'RELU6':
      return {
        min: Math.max(qmin, quantizeFloatToInt(0, scale, zeroPoint)),
        max: Math.min(qmax, quantizeFloatToInt(6, scale, zeroPoint)),
      };
    case 'RELU_N1_TO_1':
      return {
        min: Math.max(qmin, quantizeFloatToInt(-1, scale, zeroPoint)),
        max: Math.min(qmax, quantizeFloatToInt(1, scale, zeroPoint)),
      };
    default:
      return { min: qmin, max: qmax };
  }
}

/** CalculateActivationRange for float kernels: [−FLT_MAX, FLT_MAX] when no clamp applies. */
export function activationRangeFloat(activation: Activation): ActivationRange {
  const FLT_MAX = 3.4028234663852886e38;
  switch (activation) {
    case 'RELU': return { min: 0, max: FLT_MAX };
    case 'RELU6': return { min: 0, max: 6 };
    case 'RELU_N1_TO_1': return { min: -1, max: 1 };
    default: return { min: -FLT_MAX, max: FLT_MAX };
  }
}

/** Fused activations TFLM's int8 kernels implement as a clamp; TANH / SIGN_BIT are not clamps. */
export function isClampActivation(activation: Activation): boolean {
  return activation === 'NONE' || activation === 'RELU' || activation === 'RELU6' || activation === 'RELU_N1_TO_1';
}
