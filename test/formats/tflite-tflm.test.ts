// The writer's options for every op type mean to TFLM what they mean to us: a graph using all 18 op types,
// written by writeTflite, runs in TFLite Micro and gives the bytes our reference interpreter gives.
import { describe, expect, it } from 'vitest';
import { writeTflite } from '../../core/formats/index.js';
import { elementCount, tensorBytes } from '../../core/model/index.js';
import { runGraph } from '../../core/runtime/index.js';
import { mulberry32, randomInt8 } from '../support/random.js';
import { tierAvailable } from '../support/tools.js';
import { runTflm, tflmCheck } from '../support/tflm.js';
import { allOpsGraph } from '../model/fixture-graphs.js';

const available = tierAvailable('conformance', [tflmCheck]);

describe.runIf(available)('writeTflite output in TFLM', () => {
  it('the every-op graph runs in TFLM with outputs equal to the reference interpreter on 20 inputs, op by op', () => {
    const graph = allOpsGraph();
    graph.tensors.pop(); // the unused variable tensor exists only to test the round trip
    // Every op's output is a graph output, so no op can hide behind a later one that saturates.
    graph.outputs = graph.ops.map((op) => op.outputs[0]);
    const rand = mulberry32(2024);
    const n = elementCount(graph.tensors[graph.inputs[0]].shape);
    const samples = Array.from({ length: 20 }, () => [randomInt8(rand, n)]);
    const outBytes = graph.outputs.map((t) => tensorBytes(graph.tensors[t]));
    const theirs = runTflm(writeTflite(graph), samples.map((s) => s.map((x) => new Uint8Array(x.buffer))), outBytes);
    const ours = samples.map((s) => runGraph(graph, s).map((y) => new Uint8Array(y.buffer, y.byteOffset, y.byteLength)));
    graph.ops.forEach((op, k) => {
      const mine = ours.map((o) => Array.from(o[k]));
      const tflm = theirs.map((t) => Array.from(t[k]));
      expect([op.type, mine]).toEqual([op.type, tflm]);
    });
    // The inputs differ, so the first ops' outputs must too (else the test would compare constants).
    expect(new Set(theirs.map((t) => t[0].join(','))).size).toBeGreaterThan(1);
  });
});
