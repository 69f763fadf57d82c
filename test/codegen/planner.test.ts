// The planner's safe offsets, placements and checks on tiny hand-worked graphs, and its typed errors on bad input.
import { describe, expect, it } from 'vitest';
import { TinyDeployError, ErrorCode } from '../../core/api/index.js';
import {
  buildBuffers, generateNativeModel, planMemory, planViolations, safeOverlapDelta,
} from '../../core/codegen/index.js';
import type { Graph, Op, Tensor } from '../../core/model/index.js';
import { mulberry32 } from '../support/random.js';
import { FUZZED_OPS, randomGraph } from '../support/random-graphs.js';

const q = { scale: [0.05], zeroPoint: [0], axis: 0 };
const act = (shape: number[]): Tensor => ({ name: 'a', shape, dtype: 'int8', quant: q });
const relu = (i: number, o: number): Op => ({ type: 'RELU', inputs: [i], outputs: [o], options: {}, version: 1 });

function reluChain(n: number, size: number): Graph {
  const tensors = Array.from({ length: n + 1 }, () => act([size]));
  return { name: 'chain', tensors, ops: Array.from({ length: n }, (_, k) => relu(k, k + 1)), inputs: [0], outputs: [n] };
}

function depthwise(h: number, w: number, c: number): Graph {
  const tensors: Tensor[] = [
    act([1, h, w, c]),
    { name: 'w', shape: [1, 3, 3, c], dtype: 'int8', data: new Uint8Array(9 * c), quant: { scale: Array(c).fill(0.01), zeroPoint: Array(c).fill(0), axis: 3 } },
    act([1, h, w, c]),
  ];
  const op: Op = { type: 'DEPTHWISE_CONV_2D', inputs: [0, 1, -1], outputs: [2], version: 3, options: { padding: 'SAME', strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, depthMultiplier: 1, activation: 'NONE' } };
  return { name: 'dw', tensors, ops: [op], inputs: [0], outputs: [2] };
}

describe('safe overlap offsets follow the kernels\' access order', () => {
  it('element-wise ops may run in place (offset 0) and no further', () => {
    expect(safeOverlapDelta(reluChain(1, 10), reluChain(1, 10).ops[0]!, 0)).toBe(0);
  });

  it('a 3x3 SAME depthwise conv must start (W+1)*C bytes below its input', () => {
    const g = depthwise(5, 5, 3);
    expect(safeOverlapDelta(g, g.ops[0]!, 0)).toBe(-(5 + 1) * 3);
  });

  it('a fully-connected layer with U outputs may start U-1 bytes below its input', () => {
    const tensors: Tensor[] = [act([1, 8]), { name: 'w', shape: [4, 8], dtype: 'int8', data: new Uint8Array(32), quant: q }, act([1, 4])];
    const g: Graph = { name: 'fc', tensors, inputs: [0], outputs: [2], ops: [{ type: 'FULLY_CONNECTED', inputs: [0, 1, -1], outputs: [2], version: 4, options: { activation: 'NONE', keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } }] };
    expect(safeOverlapDelta(g, g.ops[0]!, 0)).toBe(-3);
  });
});

describe('planner', () => {
  it('runs a chain of element-wise ops in one tensor\'s worth of memory', () => {
    const set = buildBuffers(reluChain(4, 100));
    expect(planMemory(set).arenaBytes).toBe(100);
  });

  it('without overlap the same chain needs two tensors (lifetime reuse only)', () => {
    expect(planMemory(buildBuffers(reluChain(4, 100), { overlap: false })).arenaBytes).toBe(200);
  });

  it('places a depthwise output exactly (W+1)*C below its input: arena = tensor + 18', () => {
    const plan = planMemory(buildBuffers(depthwise(5, 5, 3)));
    expect(plan.arenaBytes).toBe(75 + 18);
  });

  it('reports a plan that overlaps two live buffers', () => {
    const set = buildBuffers(reluChain(2, 10), { overlap: false });
    const plan = planMemory(set);
    expect(planViolations(set, plan)).toEqual([]);
    const bad = { ...plan, offsets: plan.offsets.map(() => 0) };
    expect(planViolations(set, bad).length).toBeGreaterThan(0);
  });

  it('never exceeds the no-overlap peak on random graphs of every op', () => {
    const rand = mulberry32(7);
    for (const type of FUZZED_OPS) {
      for (let i = 0; i < 5; i++) {
        const m = generateNativeModel(randomGraph(type, i, rand), { prefix: 'p', restarts: 10 });
        expect(m.report.ramBytes).toBeLessThanOrEqual(m.report.noOverlapPeakBytes);
      }
    }
  });
});

describe('generateNativeModel on bad graphs', () => {
  it('names an op without an int8 kernel', () => {
    // A float island inside the graph (not at its edges, where it would be dropped): no int8 kernel runs it.
    const g: Graph = {
      name: 'dq', tensors: [act([4]), { name: 'f', shape: [4], dtype: 'float32' }, act([4])], inputs: [0], outputs: [2],
      ops: [{ type: 'DEQUANTIZE', inputs: [0], outputs: [1], options: {}, version: 2 }, { type: 'QUANTIZE', inputs: [1], outputs: [2], options: {}, version: 1 }],
    };
    expect(() => generateNativeModel(g, { prefix: 'm' })).toThrow(TinyDeployError);
    try { generateNativeModel(g, { prefix: 'm' }); } catch (e) { expect((e as TinyDeployError).code).toBe(ErrorCode.CodegenUnsupported); }
  });

  it('mutated graphs give a TinyDeployError or valid C, never a crash', () => {
    const rand = mulberry32(99);
    let failures = 0;
    for (let i = 0; i < 400; i++) {
      const g = randomGraph(FUZZED_OPS[i % FUZZED_OPS.length]!, i, rand);
      const t = g.tensors[Math.floor(rand() * g.tensors.length)]!;
      const mutation = Math.floor(rand() * 4);
      if (mutation === 0 && t.shape.length > 0) t.shape[Math.floor(rand() * t.shape.length)] = Math.floor(rand() * 5);
      else if (mutation === 1) g.ops[0]!.inputs[0] = Math.floor(rand() * 40) - 5;
      else if (mutation === 2) t.shape = t.shape.concat([1, 1]);
      else delete t.quant;
      try {
        generateNativeModel(g, { prefix: 'm', restarts: 0 });
      } catch (e) {
        expect(e, String(e)).toBeInstanceOf(TinyDeployError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
  });
});
