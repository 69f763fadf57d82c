// Typed errors: unsupported ops and dtypes name the op; bad inputs are InvalidArgument; garbage graphs never crash.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import type { Graph } from '../../core/model/index.js';
import { createInterpreter, type TensorData } from '../../core/runtime/index.js';
import { conv, GraphBuilder, q, rng } from './graph-builder.js';

function codeOf(fn: () => unknown): number | undefined {
  try { fn(); } catch (e) {
    if (e instanceof TinyDeployError) return e.code;
    throw e;
  }
  return undefined;
}

const relu = () => {
  const b = new GraphBuilder();
  const x = b.input([4], 'int8', q(0.1));
  const y = b.tensor([4], 'int8', q(0.1));
  return b.op('RELU', [x], [y], {}).output(y).build();
};

describe('unsupported graphs', () => {
  it('names the op index and the dtype combination', () => {
    const b = new GraphBuilder();
    const a = b.input([4], 'int8', q(0.1));
    const r1 = b.tensor([4], 'int8', q(0.1));
    const r2 = b.tensor([4], 'int16', q(0.1));
    b.op('RELU', [a], [r1], {}).op('RELU', [r1], [r2], {}).output(r2);
    expect(() => createInterpreter(b.build())).toThrow(/op 1 \(RELU\): unsupported dtype combination int8→int16/);
    expect(codeOf(() => createInterpreter(b.build()))).toBe(ErrorCode.RuntimeUnsupported);
  });
  it('refuses a fused TANH, mismatched concatenation params and a bad softmax output scale', () => {
    const c = new GraphBuilder();
    const x = c.input([1, 3, 3, 1], 'int8', q(1));
    const w = c.constant([1, 1, 1, 1], 'int8', [1], q(1));
    const y = c.tensor([1, 3, 3, 1], 'int8', q(1));
    c.op('CONV_2D', [x, w, -1], [y], conv('SAME', 1, 'TANH')).output(y);
    expect(() => createInterpreter(c.build())).toThrow(/fused activation TANH/);

    const k = new GraphBuilder();
    const a = k.input([2], 'int8', q(0.1));
    const b2 = k.input([2], 'int8', q(0.2));
    const o = k.tensor([4], 'int8', q(0.1));
    k.op('CONCATENATION', [a, b2], [o], { axis: 0, activation: 'NONE' }).output(o);
    expect(() => createInterpreter(k.build())).toThrow(/different scale or zero point/);

    const s = new GraphBuilder();
    const i = s.input([4], 'int8', q(0.1));
    const so = s.tensor([4], 'int8', q(1 / 128, 0));
    s.op('SOFTMAX', [i], [so], { beta: 1 }).output(so);
    expect(codeOf(() => createInterpreter(s.build()))).toBe(ErrorCode.RuntimeUnsupported);
  });
  it('refuses an op type it does not know', () => {
    const g = relu();
    (g.ops[0] as { type: string }).type = 'SVDF';
    expect(() => createInterpreter(g)).toThrow(/op 0 \(SVDF\)/);
  });
});

describe('invalid inputs', () => {
  const interp = createInterpreter(relu());
  it('rejects the wrong number, dtype or length of inputs', () => {
    expect(codeOf(() => interp.run([]))).toBe(ErrorCode.InvalidArgument);
    expect(codeOf(() => interp.run([new Float32Array(4)]))).toBe(ErrorCode.InvalidArgument);
    expect(codeOf(() => interp.run([new Int8Array(5)]))).toBe(ErrorCode.InvalidArgument);
    expect(codeOf(() => interp.run([null as unknown as TensorData]))).toBe(ErrorCode.InvalidArgument);
    expect(codeOf(() => interp.run(undefined as unknown as TensorData[]))).toBe(ErrorCode.InvalidArgument);
  });
  it('returns fresh output arrays each run', () => {
    const [a] = interp.run([Int8Array.of(1, -2, 3, -4)]);
    const [b] = interp.run([Int8Array.of(5, 5, 5, 5)]);
    expect(Array.from(a!)).toEqual([1, 0, 3, 0]);
    expect(Array.from(b!)).toEqual([5, 5, 5, 5]);
  });
});

describe('garbage graphs', () => {
  it('mutated shapes, indices and options give typed errors or run, never a raw crash', () => {
    const r = rng(42);
    const base = (): Graph => {
      const b = new GraphBuilder();
      const x = b.input([1, 4, 4, 2], 'int8', q(0.1, 3));
      const w = b.constant([2, 3, 3, 2], 'int8', r.int8(36), q([0.01, 0.02]));
      const bias = b.constant([2], 'int32', [5, -5], q([0.001, 0.002]));
      const c = b.tensor([1, 4, 4, 2], 'int8', q(0.2, -1));
      const p = b.tensor([1, 2, 2, 2], 'int8', q(0.2, -1));
      const ax = b.constant([2], 'int32', [1, 2]);
      const m = b.tensor([1, 1, 1, 2], 'int8', q(0.2, -1));
      b.op('CONV_2D', [x, w, bias], [c], conv('SAME'));
      b.op('MAX_POOL_2D', [c], [p], { padding: 'VALID', strideW: 2, strideH: 2, filterW: 2, filterH: 2, activation: 'NONE' });
      b.op('MEAN', [p, ax], [m], { keepDims: true });
      return b.output(m).build();
    };
    let typed = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const g = base();
      const t = g.tensors[r.int(0, g.tensors.length - 1)]!;
      switch (r.int(0, 5)) {
        case 0: t.shape = t.shape.map((d) => (r.int(0, 3) === 0 ? r.int(0, 9) : d)); break;
        case 1: { const op = g.ops[r.int(0, 2)]!; op.inputs[r.int(0, op.inputs.length - 1)] = r.int(-3, 9); break; }
        case 2: t.dtype = (['float32', 'int16', 'int32', 'uint8', 'int8'] as const)[r.int(0, 4)]!; break;
        case 3: t.quant = r.int(0, 1) ? undefined : q(r.int(0, 1) ? 0 : 1e-30, 500); break;
        case 4: t.data = r.int(0, 1) ? new Uint8Array(r.int(0, 3)) : undefined; break;
        default: {
          const opts = g.ops[r.int(0, 2)]!.options as unknown as Record<string, unknown>;
          const keys = Object.keys(opts);
          if (keys.length > 0) opts[keys[r.int(0, keys.length - 1)]!] = [0, -1, 2, 7, NaN, 'SAME', 'TANH'][r.int(0, 6)];
        }
      }
      try {
        const interp = createInterpreter(g);
        const inp = g.tensors[g.inputs[0]!]!;
        const n = inp.shape.reduce((a, b) => a * b, 1);
        interp.run([inp.dtype === 'float32' ? new Float32Array(n) : new Int8Array(n)]);
      } catch (e) {
        if (!(e instanceof TinyDeployError)) throw e;
        typed++;
      }
    }
    expect(typed).toBeGreaterThan(50);
  });
});
