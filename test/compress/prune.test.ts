// Pruning: structured pruning really removes channels (shapes stay consistent and the graph still runs, float and
// int8); magnitude pruning hits its sparsity and keeps pruned weights at zero through fine-tuning.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { prunableGroups } from '../../core/compress/channel-groups.js';
import { evaluate } from '../../core/compress/evaluate.js';
import { filterSparsity, filterTensors, magnitudeMask, polynomialSparsity, pruneMagnitude } from '../../core/compress/prune-magnitude.js';
import { pruneStructured } from '../../core/compress/prune-structured.js';
import { quantizeInt8 } from '../../core/compress/quantize.js';
import { floatBytes, readFloats } from '../../core/compress/tensor-values.js';
import { inferShapes, layerStats, type Graph } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { blobs } from './data.js';
import { cnnGraph, mlpGraph } from './graphs.js';

const shapeOf = (g: Graph, name: string): number[] => g.tensors.find((t) => t.name === name)!.shape;

describe('structured pruning', () => {
  it('removes half the filters of the CNN and rewires depthwise, 1×1 conv and dense inputs', async () => {
    const g = cnnGraph(8, 8, 4);
    const { graph, changes } = await pruneStructured(g, { ratio: 0.5 });
    expect(changes.map((c) => [c.channelsBefore, c.channelsAfter])).toEqual([[8, 4], [16, 8]]);
    expect(shapeOf(graph, 'c1w')).toEqual([4, 3, 3, 1]);
    expect(shapeOf(graph, 'dww')).toEqual([1, 3, 3, 4]);
    expect(shapeOf(graph, 'c2w')).toEqual([8, 1, 1, 4]);
    expect(shapeOf(graph, 'fcw')).toEqual([4, 4 * 4 * 8]);
    expect(shapeOf(graph, 'probs')).toEqual([1, 4]);
    expect(() => inferShapes(graph)).not.toThrow();
    const before = layerStats(g).totals;
    const after = layerStats(graph).totals;
    expect(after.weightBytes).toBeLessThan(0.6 * before.weightBytes);
    expect(after.macs).toBeLessThan(0.6 * before.macs);
    const x = Float32Array.from({ length: 64 }, (_, i) => (i % 7) / 7);
    expect(createInterpreter(graph).run([x])[0]).toHaveLength(4);
    const q = await quantizeInt8(graph, blobs(32, 64, 4), { calibrator: 'minmax' });
    expect(createInterpreter(q.graph).run([new Int8Array(64)])[0]).toHaveLength(4);
  });

  it('keeps the filters with the largest L1 norm and the same outputs for the kept channels', async () => {
    const g = mlpGraph([6, 4, 3], 21);
    const w = readFloats(g.tensors[1]!);
    [1, 3].forEach((row) => { for (let i = 0; i < 6; i++) w[row * 6 + i] = w[row * 6 + i]! * 0.01; });
    g.tensors[1] = { ...g.tensors[1]!, data: floatBytes(w) };
    const { graph } = await pruneStructured(g, { ratio: 0.5 });
    const kept = readFloats(graph.tensors[1]!);
    expect(Array.from(kept)).toEqual([...Array.from(w.subarray(0, 6)), ...Array.from(w.subarray(12, 18))]);
  });

  it('does not prune channels that reach the model output', () => {
    const groups = prunableGroups(mlpGraph([5, 3], 2, false));
    expect(groups).toHaveLength(0);
  });

  it('rejects a ratio outside (0, 1) with advice', async () => {
    const err = await pruneStructured(mlpGraph([4, 4, 2]), { ratio: 1.5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TinyDeployError);
    expect((err as TinyDeployError).code).toBe(ErrorCode.InvalidArgument);
    expect((err as TinyDeployError).advice).toMatch(/structured:0\.5/);
  });
});

describe('magnitude pruning', () => {
  it('ramps sparsity with a cubic schedule up to the target', () => {
    const s = Array.from({ length: 11 }, (_, k) => polynomialSparsity(0.8, k * 10, 100, 0.7));
    for (let k = 1; k < s.length; k++) expect(s[k]!).toBeGreaterThanOrEqual(s[k - 1]!);
    expect(s[0]).toBe(0);
    expect(s[10]).toBeCloseTo(0.8, 12);
    expect(s[1]!).toBeGreaterThan(0.8 * 0.1);
  });

  it('masks exactly the smallest magnitudes', () => {
    const m = magnitudeMask(Float32Array.from([0.5, -0.1, 2, -3, 0.2, 0.05, 1, -0.7]), 0.5);
    expect(Array.from(m)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('reaches the target sparsity after fine-tuning, with the pruned weights still zero', async () => {
    const g = mlpGraph([8, 24, 3], 4);
    const data = blobs(96, 8, 3);
    const r = await pruneMagnitude(g, { sparsity: 0.75, train: data, epochs: 3, batchSize: 16, learningRate: 0.01, seed: 2 });
    expect(r.sparsity).toBeGreaterThanOrEqual(0.74);
    for (const t of filterTensors(r.graph)) {
      const v = readFloats(r.graph.tensors[t]!);
      const zeros = v.filter((x) => x === 0).length;
      expect(zeros / v.length).toBeGreaterThanOrEqual(0.74);
    }
    expect(filterSparsity(g)).toBe(0);
    expect(layerStats(r.graph).totals.weightBytes).toBe(layerStats(g).totals.weightBytes);
    expect((await evaluate(r.graph, data)).metric).toBeGreaterThan(0.4);
  });
});
