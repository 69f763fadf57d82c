// int8 kernels on tiny graphs whose outputs are derived by hand from TFLM's arithmetic (comments show the working).
import { describe, expect, it } from 'vitest';
import { runGraph } from '../../core/runtime/index.js';
import { conv, fc, GraphBuilder, pool, q } from './graph-builder.js';

const run1 = (b: GraphBuilder, ...inputs: (Int8Array | Float32Array)[]) => Array.from(runGraph(b.build(), inputs)[0]!);

describe('FULLY_CONNECTED int8', () => {
  // in s=0.5 zp=-1, w s=0.25, bias s=0.125, out s=1 zp=3. x=[1,3]→offsets give [2,4]; w=[2,-4].
  // acc = 2·2 + (−4)·4 + 8 = −4; M = 0.125 → RDBPOT(SRDHM(−4, 2^30) = −2, 2) = −1 (−0.5 away from zero); +3 = 2.
  const build = (activation: 'NONE' | 'RELU') => {
    const b = new GraphBuilder();
    const x = b.input([1, 2], 'int8', q(0.5, -1));
    const w = b.constant([1, 2], 'int8', [2, -4], q(0.25));
    const bias = b.constant([1], 'int32', [8], q(0.125));
    const y = b.tensor([1, 1], 'int8', q(1, 3));
    return b.op('FULLY_CONNECTED', [x, w, bias], [y], fc(activation)).output(y);
  };
  it('computes the hand-derived value', () => {
    expect(run1(build('NONE'), Int8Array.of(1, 3))).toEqual([2]);
  });
  it('clamps at the quantized zero for a fused RELU', () => {
    expect(run1(build('RELU'), Int8Array.of(1, 3))).toEqual([3]);
  });
});

describe('CONV_2D int8', () => {
  // 3×3 input, 3×3 all-ones filter, SAME: each output is the sum of its in-image neighbours; the input zero point
  // is 5, so padded taps must contribute 0, not −5. Channel 1 has filter scale 0.5: 45·0.5 = 22.5 → 23.
  it('sums in-image taps only and applies per-channel multipliers', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 3, 3, 1], 'int8', q(1, 5));
    const w = b.constant([2, 3, 3, 1], 'int8', new Array(18).fill(1), q([1, 0.5]));
    const y = b.tensor([1, 3, 3, 2], 'int8', q(1, 0));
    b.op('CONV_2D', [x, w, -1], [y], conv('SAME')).output(y);
    const out = run1(b, Int8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9], (v) => v + 5));
    expect(out.filter((_, i) => i % 2 === 0)).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
    expect(out.filter((_, i) => i % 2 === 1)).toEqual([6, 11, 8, 14, 23, 17, 12, 20, 14]); // 10.5→11, 13.5→14, 16.5→17, 19.5→20
  });
  it('honours stride and VALID padding', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 3, 3, 1], 'int8', q(1, 0));
    const w = b.constant([1, 2, 2, 1], 'int8', [1, 0, 0, 1], q(1));
    const y = b.tensor([1, 1, 1, 1], 'int8', q(1, 0));
    b.op('CONV_2D', [x, w, -1], [y], conv('VALID', 2)).output(y);
    expect(run1(b, Int8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9))).toEqual([6]); // 1 + 5
  });
});

describe('DEPTHWISE_CONV_2D int8', () => {
  it('maps input channel c to outputs c·M + m', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 1, 2, 2], 'int8', q(1, 0));
    const w = b.constant([1, 1, 1, 4], 'int8', [1, 2, 3, -4], q(1, 0, 3));
    const y = b.tensor([1, 1, 2, 4], 'int8', q(1, 0));
    b.op('DEPTHWISE_CONV_2D', [x, w, -1], [y], { ...conv('VALID'), depthMultiplier: 2 }).output(y);
    expect(run1(b, Int8Array.of(10, 20, -5, 7))).toEqual([10, 20, 60, -80, -5, -10, 21, -28]);
  });
});

describe('pooling int8', () => {
  const avg = (vals: number[]) => {
    const b = new GraphBuilder();
    const x = b.input([1, 2, 2, 1], 'int8', q(1, 0));
    const y = b.tensor([1, 1, 1, 1], 'int8', q(1, 0));
    b.op('AVERAGE_POOL_2D', [x], [y], pool('VALID', 2, 2)).output(y);
    return run1(b, Int8Array.from(vals))[0];
  };
  it('rounds the average half away from zero with C truncating division', () => {
    expect(avg([1, 2, 3, 5])).toBe(3); // (11 + 2) / 4
    expect(avg([-1, -2, -3, -5])).toBe(-3); // (−11 − 2) / 4 = −3.25 → −3
    expect(avg([1, 1, 1, 3])).toBe(2); // 6/4 = 1.5 → (6+2)/4 = 2
    expect(avg([-1, -1, -1, -3])).toBe(-2);
  });
  it('averages only in-image taps under SAME padding', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 2, 2, 1], 'int8', q(1, 0));
    const y = b.tensor([1, 2, 2, 1], 'int8', q(1, 0));
    b.op('AVERAGE_POOL_2D', [x], [y], pool('SAME', 3, 1)).output(y);
    expect(run1(b, Int8Array.of(4, 8, 12, 20))).toEqual([11, 11, 11, 11]); // 44/4 everywhere
  });
  it('takes the maximum and clamps with the fused activation', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 2, 2, 2], 'int8', q(0.5, 4));
    const y = b.tensor([1, 1, 1, 2], 'int8', q(0.5, 4));
    b.op('MAX_POOL_2D', [x], [y], pool('VALID', 2, 2, 'RELU')).output(y);
    expect(run1(b, Int8Array.of(-9, 1, -3, 2, -7, 9, -5, 0))).toEqual([4, 9]); // max −3 clamps to zp 4
  });
});

describe('ADD and MUL int8', () => {
  // ADD: s1 = 0.5, s2 = 0.25, out 0.5 → real a·0.5 + b·0.25, i.e. q = a + b/2; ties go away from zero.
  it('adds with the left-shift-20 rescaling, ties away from zero', () => {
    const b = new GraphBuilder();
    const x = b.input([4], 'int8', q(0.5));
    const z = b.input([4], 'int8', q(0.25));
    const y = b.tensor([4], 'int8', q(0.5));
    b.op('ADD', [x, z], [y], { activation: 'NONE' }).output(y);
    expect(run1(b, Int8Array.of(2, -2, 100, 1), Int8Array.of(3, -3, 100, 2))).toEqual([4, -4, 127, 2]);
  });
  it('broadcasts a per-channel operand over H and W', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 2, 2, 2], 'int8', q(1));
    const z = b.input([2], 'int8', q(1));
    const y = b.tensor([1, 2, 2, 2], 'int8', q(1));
    b.op('ADD', [x, z], [y], { activation: 'NONE' }).output(y);
    expect(run1(b, Int8Array.of(1, 2, 3, 4, 5, 6, 7, 8), Int8Array.of(10, -10))).toEqual([11, -8, 13, -6, 15, -4, 17, -2]);
  });
  it('multiplies with one multiplier s1·s2/so and saturates', () => {
    const b = new GraphBuilder();
    const x = b.input([3], 'int8', q(0.5, 1));
    const z = b.input([3], 'int8', q(0.5));
    const y = b.tensor([3], 'int8', q(0.25));
    b.op('MUL', [x, z], [y], { activation: 'NONE' }).output(y);
    expect(run1(b, Int8Array.of(4, -3, 100), Int8Array.of(5, 6, 100))).toEqual([15, -24, 127]);
  });
});

describe('MEAN int8', () => {
  it('folds 1/count into the multiplier (4 and 3 elements)', () => {
    const make = (shape: number[], axes: number[]) => {
      const b = new GraphBuilder();
      const x = b.input(shape, 'int8', q(0.5, -3));
      const a = b.constant([axes.length], 'int32', axes);
      const y = b.tensor([1, 1, 1, shape[3]!], 'int8', q(0.5, -3));
      return b.op('MEAN', [x, a], [y], { keepDims: true }).output(y);
    };
    // offsets +3: [4,5,6,8] → mean 5.75 → 6 → −3 + 6 = 3.
    expect(run1(make([1, 2, 2, 1], [1, 2]), Int8Array.of(1, 2, 3, 5))).toEqual([3]);
    // [4,5,7]/3 = 5.33 → M' = 715827882, SRDHM(16, M') = 5 → 2.
    expect(run1(make([1, 1, 3, 1], [2]), Int8Array.of(1, 2, 4))).toEqual([2]);
  });
});

describe('SOFTMAX int8', () => {
  const softmax = (vals: number[], scale: number) => {
    const b = new GraphBuilder();
    const x = b.input([1, vals.length], 'int8', q(scale));
    const y = b.tensor([1, vals.length], 'int8', q(1 / 256, -128));
    b.op('SOFTMAX', [x], [y], { beta: 1 }).output(y);
    return run1(b, Int8Array.from(vals));
  };
  it('gives −64 to each of four equal logits (0.25 · 256 − 128)', () => {
    expect(softmax([7, 7, 7, 7], 0.1)).toEqual([-64, -64, -64, -64]);
  });
  it('sums to about 256 and follows the float softmax within one step', () => {
    const vals = [-100, -20, 0, 13, 40, 41, 90];
    const out = softmax(vals, 0.05);
    const sum = out.reduce((a, v) => a + v + 128, 0);
    expect(Math.abs(sum - 256)).toBeLessThanOrEqual(4);
    const e = vals.map((v) => Math.exp(v * 0.05));
    const total = e.reduce((a, b) => a + b, 0);
    out.forEach((v, i) => expect(Math.abs(v + 128 - (e[i]! / total) * 256)).toBeLessThanOrEqual(1));
  });
});

describe('activations int8', () => {
  it('LOGISTIC is exact at 0 and within one step of the float sigmoid everywhere', () => {
    const b = new GraphBuilder();
    const x = b.input([256], 'int8', q(1 / 16, 0));
    const y = b.tensor([256], 'int8', q(1 / 256, -128));
    b.op('LOGISTIC', [x], [y], {}).output(y);
    const inputs = Int8Array.from({ length: 256 }, (_, i) => i - 128);
    const out = run1(b, inputs);
    expect(out[128]).toBe(0);
    out.forEach((v, i) => expect(Math.abs(v - Math.min(127, Math.round(256 / (1 + Math.exp(-inputs[i]! / 16)) - 128)))).toBeLessThanOrEqual(1));
  });
  it('TANH is exact at 0 and within one step of the float tanh everywhere', () => {
    const b = new GraphBuilder();
    const x = b.input([256], 'int8', q(1 / 32, 0));
    const y = b.tensor([256], 'int8', q(1 / 128, 0));
    b.op('TANH', [x], [y], {}).output(y);
    const inputs = Int8Array.from({ length: 256 }, (_, i) => i - 128);
    const out = run1(b, inputs);
    expect(out[128]).toBe(0);
    out.forEach((v, i) => expect(Math.abs(v - Math.max(-128, Math.min(127, Math.round(128 * Math.tanh(inputs[i]! / 32)))))).toBeLessThanOrEqual(1));
  });
  it('RELU requantizes to the output scale and clamps at its zero', () => {
    const b = new GraphBuilder();
    const x = b.input([3], 'int8', q(0.5, 10));
    const y = b.tensor([3], 'int8', q(0.25, -20));
    b.op('RELU', [x], [y], {}).output(y);
    expect(run1(b, Int8Array.of(0, 10, 20))).toEqual([-20, -20, 0]); // real −5, 0, 5 → 5/0.25 − 20 = 0
  });
  it('RELU6 clamps raw values to [zp, q(6)] of the input', () => {
    const b = new GraphBuilder();
    const x = b.input([4], 'int8', q(0.1, 0));
    const y = b.tensor([4], 'int8', q(0.1, 0));
    b.op('RELU6', [x], [y], {}).output(y);
    expect(run1(b, Int8Array.of(-5, 30, 60, 100))).toEqual([0, 30, 60, 60]);
  });
});

describe('QUANTIZE / DEQUANTIZE', () => {
  it('quantizes float32 with round half away from zero and saturation', () => {
    const b = new GraphBuilder();
    const x = b.input([5], 'float32');
    const y = b.tensor([5], 'int8', q(0.5, 1));
    b.op('QUANTIZE', [x], [y], {}).output(y);
    expect(run1(b, Float32Array.of(0.25, -0.25, 100, -0.75, -1000))).toEqual([2, 0, 127, -1, -128]);
  });
  it('requantizes int8 with double rounding (−1.5 → −1 through SRDHM)', () => {
    const b = new GraphBuilder();
    const x = b.input([3], 'int8', q(0.5));
    const y = b.tensor([3], 'int8', q(1));
    b.op('QUANTIZE', [x], [y], {}).output(y);
    expect(run1(b, Int8Array.of(3, -3, 1))).toEqual([2, -1, 1]);
  });
  it('dequantizes to float32', () => {
    const b = new GraphBuilder();
    const x = b.input([2], 'int8', q(0.5, 1));
    const y = b.tensor([2], 'float32');
    b.op('DEQUANTIZE', [x], [y], {}).output(y);
    expect(run1(b, Int8Array.of(3, -1))).toEqual([1, -1]);
  });
});

describe('data movement int8', () => {
  it('PAD fills with the output zero point', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 1, 2, 1], 'int8', q(0.1, -7));
    const p = b.constant([4, 2], 'int32', [0, 0, 1, 0, 0, 1, 0, 0]);
    const y = b.tensor([1, 2, 3, 1], 'int8', q(0.1, -7));
    b.op('PAD', [x, p], [y], {}).output(y);
    expect(run1(b, Int8Array.of(5, 6))).toEqual([-7, -7, -7, 5, 6, -7]);
  });
  it('CONCATENATION interleaves along the axis', () => {
    const b = new GraphBuilder();
    const x = b.input([2, 1], 'int8', q(0.1));
    const z = b.input([2, 2], 'int8', q(0.1));
    const y = b.tensor([2, 3], 'int8', q(0.1));
    b.op('CONCATENATION', [x, z], [y], { axis: 1, activation: 'NONE' }).output(y);
    expect(run1(b, Int8Array.of(1, 2), Int8Array.of(3, 4, 5, 6))).toEqual([1, 3, 4, 2, 5, 6]);
  });
  it('RESHAPE keeps the bytes', () => {
    const b = new GraphBuilder();
    const x = b.input([2, 2], 'int8', q(0.1));
    const y = b.tensor([4], 'int8', q(0.1));
    b.op('RESHAPE', [x], [y], { newShape: [4] }).output(y);
    expect(run1(b, Int8Array.of(1, -2, 3, -4))).toEqual([1, -2, 3, -4]);
  });
});
