// Random small graphs of every op, compiled to C (ASan + UBSan) in one binary, match core/runtime byte for byte.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateNativeModel, planViolations, buildBuffers, type NativeModel } from '../../core/codegen/index.js';
import type { Graph } from '../../core/model/index.js';
import { mulberry32 } from '../support/random.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { buildHostBinary, type HostBinary } from '../support/host-build.js';
import { FUZZED_OPS, randomGraph, windowEdgeGraphs } from '../support/random-graphs.js';
import { firstDifference, referenceBatch } from '../support/reference.js';

// TINYDEPLOY_NATIVE_FUZZ=n runs a longer fuzz locally; CI keeps the default.
const GRAPHS_PER_OP = Number(process.env.TINYDEPLOY_NATIVE_FUZZ ?? 6);
const RUNS = 100;
const run = tierAvailable('native', [onPath('gcc')]);

describe.runIf(run)('random single-op graphs compiled to C', () => {
  const cases: { graph: Graph; prefix: string; model: NativeModel }[] = [];
  let bin: HostBinary;

  beforeAll(() => {
    const rand = mulberry32(20261126);
    for (const type of FUZZED_OPS) {
      for (let i = 0; i < GRAPHS_PER_OP; i++) {
        const graph = randomGraph(type, i, rand);
        const prefix = `f${cases.length}`;
        cases.push({ graph, prefix, model: generateNativeModel(graph, { prefix, restarts: 20 }) });
      }
    }
    for (const graph of windowEdgeGraphs(rand)) {
      const prefix = `f${cases.length}`;
      cases.push({ graph, prefix, model: generateNativeModel(graph, { prefix, restarts: 20 }) });
    }
    bin = buildHostBinary(cases);
  });

  it('window edge cases (taps that miss the image, 1x1 filters) are byte-identical', () => {
    for (let index = FUZZED_OPS.length * GRAPHS_PER_OP; index < cases.length; index++) {
      const { graph } = cases[index]!;
      const batch = referenceBatch(graph, RUNS, index);
      expect(firstDifference(bin.run(index, batch.inputs), batch.expected), graph.name).toBe(-1);
    }
  });

  for (const [t, type] of FUZZED_OPS.entries()) {
    it(`${type}: ${GRAPHS_PER_OP} random graphs × ${RUNS} inputs are byte-identical`, () => {
      for (let i = 0; i < GRAPHS_PER_OP; i++) {
        const index = t * GRAPHS_PER_OP + i;
        const { graph, model } = cases[index]!;
        const batch = referenceBatch(graph, RUNS, index);
        const got = bin.run(index, batch.inputs);
        const diff = firstDifference(got, batch.expected);
        expect(diff, `${graph.name}: first difference at byte ${diff}\n${model.source.slice(-1500)}`).toBe(-1);
        expect(planViolations(buildBuffers(graph), model.plan)).toEqual([]);
        expect(model.report.ramBytes).toBeLessThanOrEqual(model.report.noOverlapPeakBytes);
      }
    });
  }
});
