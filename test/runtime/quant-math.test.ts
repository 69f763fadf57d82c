// TFLM's Prepare-time math: QuantizeMultiplier (frexp, round half away, the 2^31 fix-up, flushing), ranges, op params.
import { describe, expect, it } from 'vitest';
import {
  activationRangeQuantized, calculateInputRadius, convQuantParams, frexp, fullyConnectedQuantParams, meanQuantParams,
  quantizeMultiplier, quantizeMultiplierGreaterThanOne, quantizeMultiplierSmallerThanOneExp, roundHalfAway,
  softmaxQuantParams, sigmoidQuantParams,
} from '../../core/model/index.js';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { q } from './graph-builder.js';

describe('frexp and rounding', () => {
  it('splits doubles into a mantissa in [0.5, 1) and an exponent, subnormals included', () => {
    expect(frexp(1)).toEqual({ mantissa: 0.5, exponent: 1 });
    expect(frexp(0.75)).toEqual({ mantissa: 0.75, exponent: 0 });
    expect(frexp(-6)).toEqual({ mantissa: -0.75, exponent: 3 });
    expect(frexp(5e-324)).toEqual({ mantissa: 0.5, exponent: -1073 });
    expect(frexp(0)).toEqual({ mantissa: 0, exponent: 0 });
  });
  it('rounds half away from zero like C round()', () => {
    expect(roundHalfAway(2.5)).toBe(3);
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(roundHalfAway(0.49999999999999994)).toBe(0);
    expect(roundHalfAway(-0.5)).toBe(-1);
  });
});

describe('quantizeMultiplier', () => {
  it('gives hand-derived multipliers and shifts', () => {
    expect(quantizeMultiplier(0.5)).toEqual({ multiplier: 2 ** 30, shift: 0 });
    expect(quantizeMultiplier(1)).toEqual({ multiplier: 2 ** 30, shift: 1 });
    expect(quantizeMultiplier(0.75)).toEqual({ multiplier: 1610612736, shift: 0 });
    expect(quantizeMultiplier(0)).toEqual({ multiplier: 0, shift: 0 });
  });
  it('rounds a mantissa tie away from zero', () => {
    expect(quantizeMultiplier((2 ** 30 + 0.5) / 2 ** 31)).toEqual({ multiplier: 2 ** 30 + 1, shift: 0 });
  });
  it('moves a mantissa that rounds up to 2^31 into the next power of two', () => {
    expect(quantizeMultiplier(1 - 2 ** -40)).toEqual({ multiplier: 2 ** 30, shift: 1 });
    expect(quantizeMultiplier(4 - 2 ** -38)).toEqual({ multiplier: 2 ** 30, shift: 3 });
  });
  it('keeps shift −31 and flushes anything smaller to zero', () => {
    expect(quantizeMultiplier(2 ** -32)).toEqual({ multiplier: 2 ** 30, shift: -31 });
    expect(quantizeMultiplier(2 ** -33)).toEqual({ multiplier: 0, shift: 0 });
    expect(quantizeMultiplier(1e-300)).toEqual({ multiplier: 0, shift: 0 });
  });
  it('represents random multipliers to within 2^-31 relative error', () => {
    for (const m of [1e-6, 0.0031, 0.37, 0.999, 1.7, 123.456, 65535.5]) {
      const { multiplier, shift } = quantizeMultiplier(m);
      expect(multiplier).toBeGreaterThanOrEqual(2 ** 30);
      expect(multiplier).toBeLessThan(2 ** 31);
      expect(Math.abs(multiplier * 2 ** (shift - 31) - m) / m).toBeLessThanOrEqual(2 ** -31);
    }
  });
  it('enforces the range of the GreaterThanOne and SmallerThanOneExp variants', () => {
    expect(quantizeMultiplierGreaterThanOne(3).shift).toBe(2);
    expect(() => quantizeMultiplierGreaterThanOne(1)).toThrow(/must be > 1/);
    expect(quantizeMultiplierSmallerThanOneExp(0.25).shift).toBe(-1);
    expect(() => quantizeMultiplierSmallerThanOneExp(1)).toThrow(/in \(0, 1\)/);
    expect(() => quantizeMultiplierSmallerThanOneExp(0)).toThrow(TinyDeployError);
    try { quantizeMultiplierSmallerThanOneExp(0); } catch (e) { expect((e as TinyDeployError).code).toBe(ErrorCode.RuntimeUnsupported); }
  });
});

describe('activation ranges and radii', () => {
  it('quantizes the RELU/RELU6/RELU_N1_TO_1 bounds in float32 with round half away', () => {
    expect(activationRangeQuantized('NONE', 0.1, 5)).toEqual({ min: -128, max: 127 });
    expect(activationRangeQuantized('RELU', 0.1, 5)).toEqual({ min: 5, max: 127 });
    expect(activationRangeQuantized('RELU6', 0.05, -128)).toEqual({ min: -128, max: -8 }); // 6/0.05 = 120
    expect(activationRangeQuantized('RELU6', 0.08, -10)).toEqual({ min: -10, max: 65 }); // 75 exactly
    expect(activationRangeQuantized('RELU_N1_TO_1', 0.25, 0)).toEqual({ min: -4, max: 4 });
    expect(activationRangeQuantized('RELU6', 1 / 64, 0)).toEqual({ min: 0, max: 127 }); // 384 clamps
  });
  it('computes CalculateInputRadius as in TFLM', () => {
    expect(calculateInputRadius(4, 0)).toBe(15 * 2 ** 27);
    expect(calculateInputRadius(5, 20)).toBe(Math.floor((31 * 2 ** 26) / 2 ** 20));
  });
});

describe('per-op Prepare parameters', () => {
  it('per-channel convolution multipliers use double in_s·w_s[c]/out_s', () => {
    const p = convQuantParams(q(0.5, -3), q([0.25, 0.125], 0), q(0.5, 7), 2, 'RELU');
    expect(Array.from(p.multipliers)).toEqual([2 ** 30, 2 ** 30]);
    expect(Array.from(p.shifts)).toEqual([-1, -2]); // 0.25 and 0.125
    expect([p.inputOffset, p.outputOffset, p.actMin, p.actMax]).toEqual([3, 7, 7, 127]);
  });
  it('per-tensor fully-connected rounds in_s·w_s to float32 before dividing', () => {
    const inS = 0.1; const wS = 0.3; const outS = 0.7;
    const p = fullyConnectedQuantParams(q(inS), q(wS), q(Math.fround(inS) * Math.fround(wS)), q(outS), 3, 'NONE');
    const expected = quantizeMultiplier(Math.fround(Math.fround(inS) * Math.fround(wS)) / Math.fround(outS));
    expect(p.multipliers[2]).toBe(expected.multiplier);
    expect(p.shifts[0]).toBe(expected.shift);
  });
  it('fully-connected rejects a bias scale more than 2% of the output scale away', () => {
    expect(() => fullyConnectedQuantParams(q(1), q(1), q(1.5), q(1), 1, 'NONE')).toThrow(/bias scale/);
  });
  it('MEAN folds 1/count into the multiplier (count 3: 2^31/3 truncated)', () => {
    const p = meanQuantParams(q(0.5), q(0.5), 3);
    expect(p).toMatchObject({ multiplier: 715827882, shift: 0 });
  });
  it('SOFTMAX with beta·scale = 1/16 gives multiplier 2^30, left shift 23 and diff_min from the radius', () => {
    const p = softmaxQuantParams(q(1 / 16), q(1 / 256, -128), 1);
    expect(p).toEqual({ inputMultiplier: 2 ** 30, inputLeftShift: 23, diffMin: -Math.floor((31 * 2 ** 26) / 2 ** 23) });
    expect(() => softmaxQuantParams(q(1 / 16), q(1 / 128, -128), 1)).toThrow(/1\/256/);
  });
  it('LOGISTIC/TANH input scaling uses frexp of in_s·2^27', () => {
    expect(sigmoidQuantParams(q(1 / 16, 3), 'LOGISTIC')).toEqual({
      inputZeroPoint: 3, inputMultiplier: 2 ** 30, inputLeftShift: 24, inputRangeRadius: Math.floor((15 * 2 ** 27) / 2 ** 24),
    });
  });
});
