// float32 kernels against direct float computations written out in the test.
import { describe, expect, it } from 'vitest';
import { runGraph } from '../../core/runtime/index.js';
import { conv, fc, GraphBuilder, pool, rng } from './graph-builder.js';

const run1 = (b: GraphBuilder, ...inputs: Float32Array[]) => Array.from(runGraph(b.build(), inputs)[0]!);
const close = (got: number[], want: number[], digits = 5) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));
};

describe('float32 kernels', () => {
  it('FULLY_CONNECTED computes W·x + b with a fused RELU', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 3], 'float32');
    const w = b.constant([2, 3], 'float32', [1, 2, 3, -1, -2, -3]);
    const bias = b.constant([2], 'float32', [0.5, 0.5]);
    const y = b.tensor([1, 2], 'float32');
    b.op('FULLY_CONNECTED', [x, w, bias], [y], fc('RELU')).output(y);
    close(run1(b, Float32Array.of(1, 0.5, -1)), [0, 1.5]); // 1+1−3+0.5 = −0.5 → 0; −1−1+3+0.5 = 1.5
  });

  it('CONV_2D matches a direct nested-loop convolution (SAME, stride 2)', () => {
    const r = rng(1);
    const [H, W, C, O, K] = [5, 6, 2, 3, 3];
    const input = r.float(H * W * C, -1, 1);
    const filter = r.float(O * K * K * C, -1, 1);
    const b = new GraphBuilder();
    const x = b.input([1, H, W, C], 'float32');
    const w = b.constant([O, K, K, C], 'float32', filter);
    const oh = Math.ceil(H / 2); const ow = Math.ceil(W / 2);
    const y = b.tensor([1, oh, ow, O], 'float32');
    b.op('CONV_2D', [x, w, -1], [y], conv('SAME', 2)).output(y);
    const padT = Math.floor(Math.max(0, (oh - 1) * 2 + K - H) / 2);
    const padL = Math.floor(Math.max(0, (ow - 1) * 2 + K - W) / 2);
    const want: number[] = [];
    for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) for (let o = 0; o < O; o++) {
      let s = 0;
      for (let ky = 0; ky < K; ky++) for (let kx = 0; kx < K; kx++) for (let c = 0; c < C; c++) {
        const iy = oy * 2 - padT + ky; const ix = ox * 2 - padL + kx;
        if (iy >= 0 && iy < H && ix >= 0 && ix < W) s += input[(iy * W + ix) * C + c]! * filter[((o * K + ky) * K + kx) * C + c]!;
      }
      want.push(s);
    }
    close(run1(b, input), want);
  });

  it('DEPTHWISE_CONV_2D scales each channel by its own tap', () => {
    const b = new GraphBuilder();
    const x = b.input([1, 1, 1, 2], 'float32');
    const w = b.constant([1, 1, 1, 4], 'float32', [1, 2, 3, 4]);
    const y = b.tensor([1, 1, 1, 4], 'float32');
    b.op('DEPTHWISE_CONV_2D', [x, w, -1], [y], { ...conv('VALID'), depthMultiplier: 2 }).output(y);
    close(run1(b, Float32Array.of(0.5, -1)), [0.5, 1, -3, -4]);
  });

  it('pools (average over in-image taps, max)', () => {
    const mk = (type: 'AVERAGE_POOL_2D' | 'MAX_POOL_2D') => {
      const b = new GraphBuilder();
      const x = b.input([1, 2, 2, 1], 'float32');
      const y = b.tensor([1, 2, 2, 1], 'float32');
      return b.op(type, [x], [y], pool('SAME', 2, 1)).output(y);
    };
    const v = Float32Array.of(1, 2, 3, 5);
    close(run1(mk('AVERAGE_POOL_2D'), v), [11 / 4, 7 / 2, 8 / 2, 5]);
    close(run1(mk('MAX_POOL_2D'), v), [5, 5, 5, 5]);
  });

  it('SOFTMAX with beta matches exp(β(x−max))/Σ', () => {
    const b = new GraphBuilder();
    const x = b.input([2, 3], 'float32');
    const y = b.tensor([2, 3], 'float32');
    b.op('SOFTMAX', [x], [y], { beta: 0.5 }).output(y);
    const v = [1, 2, 3, -1, 0, 4];
    const want = [0, 1].flatMap((r) => {
      const e = v.slice(r * 3, r * 3 + 3).map((t) => Math.exp(0.5 * t));
      const s = e.reduce((a, c) => a + c, 0);
      return e.map((t) => t / s);
    });
    close(run1(b, Float32Array.from(v)), want);
  });

  it('ADD / MUL broadcast and clamp; MEAN averages the chosen axes', () => {
    const add = new GraphBuilder();
    const a = add.input([2, 2], 'float32');
    const c = add.constant([2], 'float32', [1, -10]);
    const y = add.tensor([2, 2], 'float32');
    add.op('ADD', [a, c], [y], { activation: 'RELU6' }).output(y);
    close(run1(add, Float32Array.of(1, 2, 8, 20)), [2, 0, 6, 6]);

    const mul = new GraphBuilder();
    const m = mul.input([2, 2], 'float32');
    const k = mul.constant([1], 'float32', [-2]);
    const z = mul.tensor([2, 2], 'float32');
    mul.op('MUL', [m, k], [z], { activation: 'NONE' }).output(z);
    close(run1(mul, Float32Array.of(1, 2, 3, 4)), [-2, -4, -6, -8]);

    const mean = new GraphBuilder();
    const i = mean.input([2, 3], 'float32');
    const ax = mean.constant([1], 'int32', [0]);
    const o = mean.tensor([3], 'float32');
    mean.op('MEAN', [i, ax], [o], { keepDims: false }).output(o);
    close(run1(mean, Float32Array.of(1, 2, 3, 3, 4, 8)), [2, 3, 5.5]);
  });

  it('element-wise activations follow their float definitions', () => {
    const v = Float32Array.of(-20, -3, -0.5, 0, 0.5, 3, 7, 20);
    const act = (type: 'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6') => {
      const b = new GraphBuilder();
      const x = b.input([8], 'float32');
      const y = b.tensor([8], 'float32');
      return run1(b.op(type, [x], [y], {}).output(y), v);
    };
    close(act('LOGISTIC'), Array.from(v, (t) => 1 / (1 + Math.exp(-t))));
    close(act('TANH'), Array.from(v, Math.tanh));
    close(act('RELU'), Array.from(v, (t) => Math.max(0, t)));
    close(act('RELU6'), Array.from(v, (t) => Math.min(6, Math.max(0, t))));
  });

  it('PAD fills with zero and CONCATENATION joins along a negative axis', () => {
    const pad = new GraphBuilder();
    const x = pad.input([2], 'float32');
    const p = pad.constant([1, 2], 'int32', [1, 2]);
    const y = pad.tensor([5], 'float32');
    pad.op('PAD', [x, p], [y], {}).output(y);
    close(run1(pad, Float32Array.of(3, 4)), [0, 3, 4, 0, 0]);

    const cat = new GraphBuilder();
    const a = cat.input([1, 2], 'float32');
    const c = cat.constant([1, 1], 'float32', [9]);
    const o = cat.tensor([1, 3], 'float32');
    cat.op('CONCATENATION', [a, c], [o], { axis: -1, activation: 'NONE' }).output(o);
    close(run1(cat, Float32Array.of(1, 2)), [1, 2, 9]);
  });
});
