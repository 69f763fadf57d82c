// Each fixture imported from .keras, .h5 and TF.js is one graph whose float outputs match Keras' own predictions.
import { describe, expect, it } from 'vitest';
import { parseCsv, sliceRows, rowFeatures } from '../../core/formats/dataset/index.js';
import { readKerasH5, readKerasZip } from '../../core/formats/keras/index.js';
import { readTfjs } from '../../core/formats/tfjs/index.js';
import type { Graph } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { anchorFixture, FIXTURE_NAMES, loadAnchor, loadExpected, type FixtureName } from '../support/fixtures.js';
import { expectSameGraph, fixtureBytes, floatTflite, importAll, maxErrorAgainst, opSignature } from './keras-fixtures.js';

/** The metric of `graph` on the fixture's test split, computed as make_fixtures.py computes it. */
function testMetric(graph: Graph, name: FixtureName): number {
  const fx = anchorFixture(name);
  const ds = loadAnchor().datasets[fx.dataset];
  const all = parseCsv(new TextDecoder().decode(fixtureBytes(ds.file)), { labelColumn: ds.labelColumn });
  const test = sliceRows(all, ...ds.split.test);
  const it = createInterpreter(graph);
  let hits = 0;
  let sq = 0;
  for (let r = 0; r < test.rows; r++) {
    const out = it.run([Float32Array.from(rowFeatures(test, r))])[0]!;
    const label = test.labels[r]!;
    if (fx.task === 'regression') sq += (Number(out[0]) - label) ** 2;
    else {
      let best = 0;
      for (let k = 1; k < out.length; k++) if (Number(out[k]) > Number(out[best])) best = k;
      if (best === label) hits++;
    }
  }
  return fx.task === 'regression' ? Math.sqrt(sq / test.rows) : hits / test.rows;
}

describe.each([...FIXTURE_NAMES, 'zoo' as const])('fixture %s', (name) => {
  it('reads the same graph from .keras, .h5 and TF.js', async () => {
    const g = await importAll(name);
    expectSameGraph(g.keras, g.h5);
    expectSameGraph(g.keras, g.tfjs);
  });

  it('computes Keras\' float outputs within 1e-4 from every format, and so does the converter\'s float .tflite', async () => {
    const expected = loadExpected(name);
    const g = await importAll(name);
    for (const graph of [g.keras, g.h5, g.tfjs, floatTflite(name)]) {
      expect(maxErrorAgainst(graph, expected)).toBeLessThan(1e-4);
    }
  });
});

describe('graph structure', () => {
  it.each([...FIXTURE_NAMES, 'zoo'])('%s has the ops and fused activations of the TFLite converter\'s float model', async (name) => {
    const { keras } = await importAll(name);
    expect(opSignature(keras)).toEqual(opSignature(floatTflite(name)));
  });

  it('folds BatchNormalization into the conv before it, and keeps a standalone one as MUL + ADD', async () => {
    const cnn = (await importAll('digits_cnn')).keras;
    expect(cnn.ops[0]?.type).toBe('CONV_2D');
    expect(cnn.ops.some((o) => o.type === 'MUL')).toBe(false);
    const zoo = (await importAll('zoo')).keras;
    expect(opSignature(zoo).slice(0, 3)).toEqual(['MUL:NONE', 'ADD:NONE', 'CONV_2D:RELU6']);
  });

  it('lays out weights as TFLite does: FC [out, in], conv [out, kh, kw, in], depthwise [1, kh, kw, in*mult]', async () => {
    const zoo = (await importAll('zoo')).keras;
    const weightShape = (type: string, n = 0) => zoo.tensors[zoo.ops.filter((o) => o.type === type)[n]!.inputs[1]!]!.shape;
    expect(weightShape('CONV_2D')).toEqual([6, 3, 3, 2]);
    expect(weightShape('DEPTHWISE_CONV_2D')).toEqual([1, 3, 3, 12]);
    expect(weightShape('CONV_2D', 1)).toEqual([12, 1, 1, 12]); // SeparableConv2D's pointwise half
    expect(weightShape('CONV_2D', 2)).toEqual([5, 1, 2, 4]); // Conv1D as a kernel-height-1 CONV_2D
    expect(weightShape('FULLY_CONNECTED')).toEqual([8, 10]);
    expect(zoo.tensors[zoo.inputs[0]!]!.shape).toEqual([1, 12, 12, 2]);
  });

  it('leaves no tensor that no op reads or writes', async () => {
    for (const name of [...FIXTURE_NAMES, 'zoo']) {
      const g = (await importAll(name)).keras;
      const used = new Set([...g.inputs, ...g.outputs, ...g.ops.flatMap((o) => [...o.inputs, ...o.outputs])]);
      expect(g.tensors.filter((_, i) => !used.has(i)).map((t) => t.name), name).toEqual([]);
    }
  });

  it('maps Rescaling to MUL + ADD: the model then computes f(x·scale + offset)', async () => {
    const json = JSON.parse(new TextDecoder().decode(fixtureBytes('sine', 'tfjs', 'model.json'))) as { modelTopology: { config: { layers: unknown[] } } };
    json.modelTopology.config.layers.splice(1, 0, { class_name: 'Rescaling', config: { name: 'rescale', scale: 0.5, offset: 0.25 } });
    const shards = { 'group1-shard1of1.bin': fixtureBytes('sine', 'tfjs', 'group1-shard1of1.bin') };
    const rescaled = createInterpreter(readTfjs({ modelJson: JSON.stringify(json), shards }));
    const plain = createInterpreter((await importAll('sine')).tfjs);
    for (const x of [-1, 0.3, 2, 5.5]) {
      expect(rescaled.run([Float32Array.of(x)])[0]![0]).toBeCloseTo(plain.run([Float32Array.of(x * 0.5 + 0.25)])[0]![0]!, 6);
    }
  });

  it('imports an adapted Normalization and a Rescaling (.keras and .h5) with Keras\' outputs', async () => {
    const expected = loadExpected('prep');
    for (const graph of [await readKerasZip(fixtureBytes('prep', 'model.keras')), await readKerasH5(fixtureBytes('prep', 'model.h5'))]) {
      expect(opSignature(graph).slice(0, 4)).toEqual(['MUL:NONE', 'ADD:NONE', 'MUL:NONE', 'ADD:NONE']);
      expect(maxErrorAgainst(graph, expected)).toBeLessThan(1e-4);
    }
  });

  it('reads Keras 3\'s legacy .h5 (Keras 3 layer configs) like the Keras 2 one', async () => {
    const k3 = await readKerasH5(fixtureBytes('zoo', 'model.keras3.h5'));
    expectSameGraph(k3, (await importAll('zoo')).h5);
  });
});

describe('test-split metric', () => {
  it.each(FIXTURE_NAMES)('%s: the imported graph scores what Keras scored (anchor floatMetric)', async (name) => {
    const { h5 } = await importAll(name);
    const want = anchorFixture(name).floatMetric;
    expect(Math.abs(testMetric(h5, name) - want)).toBeLessThan(1e-4);
  });
});

describe('anchor.json', () => {
  it.each(FIXTURE_NAMES)('%s: the recorded byte sizes are those of the committed .tflite files', (name) => {
    const fx = anchorFixture(name);
    expect(fixtureBytes(fx.files.int8Tflite).length).toBe(fx.converterInt8Bytes);
    expect(fixtureBytes(fx.files.floatTflite).length).toBe(fx.floatTfliteBytes);
    expect(fx.calibration.first).toBeLessThanOrEqual(loadAnchor().datasets[fx.dataset].split.train[1]);
  });
});
