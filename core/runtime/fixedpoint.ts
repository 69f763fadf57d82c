// gemmlowp fixed-point primitives and TFLM's MultiplyByQuantizedMultiplier, exact in int32 semantics without BigInt.
import { INT32_MAX, INT32_MIN } from '../model/index.js';

const TWO_31 = 2147483648;
const TWO_15 = 32768;
const TWO_16 = 65536;
const TWO_52 = 4503599627370496;

/** SaturatingRoundingDoublingHighMul: (a·b + nudge) / 2^31 truncated, the 62-bit product kept exact. */
export function srdhm(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const p = a * b;
  if (p < TWO_52 && p > -TWO_52) {
    // |p| < 2^52: the product and the nudged sum are exact doubles.
    return Math.trunc((p + (p >= 0 ? 1073741824 : -1073741823)) / TWO_31) | 0;
  }
  // Split b = bh·2^16 + bl so every partial product stays below 2^53; p ≥ 2^52 here, so its sign is a·b's.
  const bl = b & 0xffff;
  const bh = b >> 16;
  const hi = a * bh;
  const lo = a * bl;
  const hiQ = Math.floor(hi / TWO_15);
  const hiR = hi - hiQ * TWO_15;
  const r = hiR * TWO_16 + lo + (p >= 0 ? 1073741824 : -1073741823);
  const rQ = Math.floor(r / TWO_31);
  const rR = r - rQ * TWO_31;
  const floorQ = hiQ + rQ;
  return floorQ < 0 && rR !== 0 ? floorQ + 1 : floorQ;
}

/** RoundingDivideByPOT: arithmetic shift right by e (0..31) rounding to nearest, ties away from zero. */
export function rdbpot(x: number, e: number): number {
  if (e === 0) return x;
  const mask = e === 31 ? 0x7fffffff : (1 << e) - 1;
  const rem = x & mask;
  const thr = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> e) + (rem > thr ? 1 : 0);
}

/** MultiplyByQuantizedMultiplier, TFLM double-rounding build; the left shift wraps like the C int32 multiply. */
export function mbqm(x: number, multiplier: number, shift: number): number {
  if (shift > 0) return srdhm(x << shift, multiplier);
  return rdbpot(srdhm(x, multiplier), -shift);
}

/** MultiplyByQuantizedMultiplierGreaterThanOne: SRDHM(x·2^shift, M), no final rounding shift. */
export function mbqmGreaterThanOne(x: number, multiplier: number, leftShift: number): number {
  return srdhm(x << leftShift, multiplier);
}

/** SaturatingRoundingMultiplyByPOT with a positive exponent: saturating left shift. */
export function saturatingShiftLeft(x: number, exponent: number): number {
  const threshold = (1 << (31 - exponent)) - 1;
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return x << exponent;
}

/** RoundingHalfSum for int32: (a + b ± 1) / 2 in 64 bits, truncating. */
export function roundingHalfSum(a: number, b: number): number {
  const sum = a + b;
  return Math.trunc((sum + (sum >= 0 ? 1 : -1)) / 2) | 0;
}

/** Count leading zeros of an unsigned 32-bit value (32 for 0). */
export function clz32(x: number): number {
  return Math.clz32(x);
}

const EXP_CONSTANT_TERM = 1895147668; // exp(-1/8) in Q0.31
const ONE_THIRD = 715827883;
const EXP_BARREL = [1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242]; // exp(-2^k), k = -2..4

/** exp(x) for x in [-1/4, 0), Q0.31 in and out (Taylor expansion around -1/8). */
export function expOnIntervalNegQuarterTo0(a: number): number {
  const x = (a + (1 << 28)) | 0;
  const x2 = srdhm(x, x);
  const x3 = srdhm(x2, x);
  const x4 = srdhm(x2, x2);
  const x4Over4 = rdbpot(x4, 2);
  const poly = rdbpot((srdhm((x4Over4 + x3) | 0, ONE_THIRD) + x2) | 0, 1);
  return (EXP_CONSTANT_TERM + srdhm(EXP_CONSTANT_TERM, (x + poly) | 0)) | 0;
}

/** exp_on_negative_values for a fixed-point input with `integerBits` integer bits; result in Q0.31. */
export function expOnNegativeValues(a: number, integerBits: number): number {
  const fractionalBits = 31 - integerBits;
  const oneQuarter = 1 << (fractionalBits - 2);
  const aModQuarterMinusQuarter = ((a & (oneQuarter - 1)) - oneQuarter) | 0;
  // Rescale<0>: multiply by 2^integerBits, saturating.
  let result = expOnIntervalNegQuarterTo0(saturatingShiftLeft(aModQuarterMinusQuarter, integerBits));
  const remainder = (aModQuarterMinusQuarter - a) | 0;
  for (let k = -2; k <= 4; k++) {
    if (integerBits > k && (remainder & (1 << (fractionalBits + k))) !== 0) {
      result = srdhm(result, EXP_BARREL[k + 2]!);
    }
  }
  if (integerBits > 5) {
    const clamp = -(1 << (36 - integerBits));
    if (a < clamp) result = 0;
  }
  return a === 0 ? INT32_MAX : result;
}

/** Newton-Raphson core shared by 1/(1+x) and (1-x)/(1+x): returns x ≈ 1/half_denominator in Q2.29. */
function reciprocalOfHalfDenominator(halfDenominator: number): number {
  let x = (1515870810 + srdhm(halfDenominator, -1010580540)) | 0;
  for (let i = 0; i < 3; i++) {
    const hdTimesX = srdhm(halfDenominator, x);
    const oneMinus = ((1 << 29) - hdTimesX) | 0;
    x = (x + saturatingShiftLeft(srdhm(x, oneMinus), 2)) | 0;
  }
  return x;
}

/** one_over_one_plus_x_for_x_in_0_1: Q0.31 in, Q0.31 out. */
export function oneOverOnePlusX(a: number): number {
  const x = reciprocalOfHalfDenominator(roundingHalfSum(a, INT32_MAX));
  // ExactMulByPot<-1> reinterprets Q2.29 as Q1.30; Rescale<0> then shifts left by 1, saturating.
  return saturatingShiftLeft(x, 1);
}

/** one_minus_x_over_one_plus_x_for_x_in_0_1: Q0.31 in, Q0.31 out. */
export function oneMinusXOverOnePlusX(a: number): number {
  const x = reciprocalOfHalfDenominator(roundingHalfSum(a, INT32_MAX));
  return saturatingShiftLeft((x - (1 << 29)) | 0, 2);
}

/** gemmlowp::logistic for a Q(integerBits) input; Q0.31 result. */
export function logisticFixed(a: number, integerBits: number): number {
  if (a === 0) return 1 << 30;
  const abs = a > 0 ? a : (-a) | 0;
  const positive = oneOverOnePlusX(expOnNegativeValues((-abs) | 0, integerBits));
  return a > 0 ? positive : (INT32_MAX - positive) | 0;
}

/** gemmlowp::tanh for a Q(integerBits) input; Q0.31 result. */
export function tanhFixed(a: number, integerBits: number): number {
  if (a === 0) return 0;
  const n = a < 0 ? a : (-a) | 0;
  // ExactMulByPot<1>: the same raw value read with one more integer bit.
  const t = oneMinusXOverOnePlusX(expOnNegativeValues(n, integerBits + 1));
  return a < 0 ? (-t) | 0 : t;
}

/** GetReciprocal: 1/x for a Q(integerDigits) x > 0, as a Q0.31 scale and the number of bits above one. */
export function getReciprocal(x: number, integerDigits: number): { scale: number; bitsOverUnit: number } {
  const headroomPlusOne = clz32(x >>> 0);
  const bitsOverUnit = integerDigits - headroomPlusOne;
  const shiftedSumMinusOne = (((x >>> 0) << headroomPlusOne) - TWO_31) | 0;
  return { scale: oneOverOnePlusX(shiftedSumMinusOne), bitsOverUnit };
}
