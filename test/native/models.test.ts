// The real models compiled to C on the host (ASan + UBSan) give the same bytes as core/runtime on random inputs.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateNativeModel, type NativeModel } from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import type { Graph } from '../../core/model/index.js';
import { onPath, sharedModel, tierAvailable } from '../support/tools.js';
import { buildHostBinary, type HostBinary } from '../support/host-build.js';
import { firstDifference, randomInputs, referenceBatch } from '../support/reference.js';

// Measured here: person_detect takes ~13 s to compile under ASan, ~17 s for 100 inferences in C and ~23 s in
// core/runtime; the C runs while the golden model computes, and every model keeps the full 100 inputs.
const MODELS = ['hello_world_int8', 'magic_wand_int8', 'micro_speech_quantized', 'person_detect', 'simple_add_model'];
const RUNS = 100;
const run = tierAvailable('native', [onPath('gcc')]);

describe.runIf(run)('generated C of the shared models (host gcc, -fsanitize=address,undefined)', () => {
  const graphs: Graph[] = [];
  const models: { prefix: string; model: NativeModel }[] = [];
  let bin: HostBinary;

  beforeAll(() => {
    for (const [i, name] of MODELS.entries()) {
      const graph = readTflite(readFileSync(sharedModel(`${name}.tflite`)));
      graphs.push(graph);
      models.push({ prefix: `m${i}`, model: generateNativeModel(graph, { prefix: `m${i}` }) });
    }
    bin = buildHostBinary(models);
  });

  for (const [i, name] of MODELS.entries()) {
    it(`${name}: ${RUNS} random inputs give byte-identical outputs`, async () => {
      const pending = bin.runAsync(i, randomInputs(graphs[i]!, RUNS, 1000 + i));
      const batch = referenceBatch(graphs[i]!, RUNS, 1000 + i);
      const got = await pending;
      expect(got.length).toBe(batch.expected.length);
      expect(firstDifference(got, batch.expected)).toBe(-1);
    });
  }

  it('plans stay within the no-overlap peak and a changed input changes the output', () => {
    for (const { model } of models) expect(model.report.ramBytes).toBeLessThanOrEqual(model.report.noOverlapPeakBytes);
    // A test that can fail: perturbing the expected bytes must be detected.
    const batch = referenceBatch(graphs[0]!, 2, 5);
    const got = bin.run(0, batch.inputs);
    const wrong = batch.expected.slice();
    wrong[0] = (wrong[0]! + 1) & 0xff;
    expect(firstDifference(got, wrong)).toBe(0);
  });
});
