// The TF.js fixtures are genuine layers models (TF.js itself loads them), and our reader agrees with TF.js' numbers.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModel } from '../../core/formats/import-model.js';
import { readTfjs } from '../../core/formats/tfjs/index.js';
import type { Graph } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { fixturePath, loadExpected } from '../support/fixtures.js';
import { fixtureBytes, maxErrorAgainst } from './keras-fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Manifest { json: Json; shard: Uint8Array }

function loadFixture(name: string): Manifest {
  return {
    json: JSON.parse(readFileSync(fixturePath(name, 'tfjs', 'model.json'), 'utf8')) as Json,
    shard: fixtureBytes(name, 'tfjs', 'group1-shard1of1.bin'),
  };
}

async function tfjsPredict(m: Manifest, inputs: number[][], shape: number[]): Promise<number[][]> {
  const weightData = m.shard.buffer.slice(m.shard.byteOffset, m.shard.byteOffset + m.shard.byteLength) as ArrayBuffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: m.json.modelTopology, weightSpecs: m.json.weightsManifest[0].weights, weightData,
  }));
  const x = tf.tensor(inputs.flat(), [inputs.length, ...shape.slice(1)]);
  const y = model.predict(x) as tf.Tensor;
  const out = (await y.array()) as number[][];
  tf.dispose([x, y]);
  model.layers.forEach((l) => l.dispose());
  return out;
}

/** Saves a TF.js model in memory and reads it back through our importer. */
async function viaTfjsSave(model: tf.LayersModel): Promise<Graph> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
  const modelJson = JSON.stringify({ format: 'layers-model', modelTopology: saved!.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: saved!.weightSpecs }] });
  return readTfjs({ modelJson, shards: { 'w.bin': new Uint8Array(saved!.weightData as ArrayBuffer) } });
}

/** TF.js' predictions and the graph's outputs agree on `count` random inputs. */
async function expectSameAsTfjs(model: tf.LayersModel, graph: Graph, inputShape: number[], count: number): Promise<void> {
  const x = tf.randomUniform([count, ...inputShape], -1, 1, 'float32', 3);
  const want = (await (model.predict(x) as tf.Tensor).array()) as number[][];
  const inputs = (await x.reshape([count, inputShape.reduce((a, b) => a * b, 1)]).array()) as number[][];
  const run = createInterpreter(graph);
  inputs.forEach((input, i) => {
    const out = run.run([Float32Array.from(input)])[0]!;
    want[i]!.flat().forEach((v, j) => expect(Math.abs(v - Number(out[j]))).toBeLessThan(1e-4));
  });
  x.dispose();
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TF.js layers models', () => {
  it.each(['digits_cnn', 'cancer_mlp', 'zoo'])('%s: TF.js itself loads the fixture and predicts what Keras predicted', async (name) => {
    const expected = loadExpected(name as 'zoo');
    const got = await tfjsPredict(loadFixture(name), expected.inputs, expected.inputShape);
    got.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected.outputs[i]![j]!)).toBeLessThan(1e-4)));
  });

  it('reads uint8-quantized weights (as the tensorflowjs converter writes them) the way TF.js does', async () => {
    const m = loadFixture('digits_mlp');
    const floats = new Float32Array(m.shard.buffer.slice(m.shard.byteOffset, m.shard.byteOffset + m.shard.byteLength) as ArrayBuffer);
    const bytes: number[] = [];
    let offset = 0;
    const weights = (m.json.weightsManifest[0].weights as Json[]).map((w) => {
      const n = (w.shape as number[]).reduce((a, b) => a * b, 1);
      const v = floats.subarray(offset, offset + n);
      offset += n;
      const min = Math.min(...v);
      const scale = (Math.max(...v) - min) / 255 || 1;
      for (const x of v) bytes.push(Math.round((x - min) / scale));
      return { ...w, quantization: { dtype: 'uint8', scale, min } };
    });
    const quantized: Manifest = {
      json: { ...m.json, weightsManifest: [{ paths: ['q.bin'], weights }] },
      shard: Uint8Array.from(bytes),
    };
    const expected = loadExpected('digits_mlp');
    const ref = await tfjsPredict(quantized, expected.inputs, expected.inputShape);
    const graph = readTfjs({ modelJson: JSON.stringify(quantized.json), shards: { 'q.bin': quantized.shard } });
    const run = createInterpreter(graph);
    expected.inputs.forEach((input, i) => {
      const out = run.run([Float32Array.from(input)])[0]!;
      ref[i]!.forEach((v, j) => expect(Math.abs(v - Number(out[j]))).toBeLessThan(1e-5));
    });
    // Quantizing weights to 8 bits moved the outputs, so this compared something other than the float model.
    expect(maxErrorAgainst(graph, expected)).toBeGreaterThan(1e-6);
  });

  it('reads a model that TF.js itself built and saved (its own names and config style)', async () => {
    const model = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [10, 10, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.batchNormalization({ epsilon: 0.01 }),
      tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, activation: 'relu6' }),
      tf.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'tanh' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 5 }), // linear: raw outputs, so a wrong weight layout cannot hide in a flat softmax
    ] });
    // Non-trivial BatchNormalization statistics, so folding is really exercised.
    const bn = model.layers[1]!;
    bn.setWeights(bn.getWeights().map((w, i) => tf.add(tf.mul(tf.randomUniform(w.shape, 0, 1, 'float32', 7 + i), 0.8), 0.4)));
    await expectSameAsTfjs(model, await viaTfjsSave(model), [10, 10, 3], 3);
    model.dispose();
  });

  it('reads Conv1D, MaxPooling1D, a Dense over a sequence and GlobalAveragePooling1D, with no reshape left over', async () => {
    const model = tf.sequential({ layers: [
      tf.layers.conv1d({ inputShape: [8, 3], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.dense({ units: 2 }),
      tf.layers.globalAveragePooling1d({}),
    ] });
    const graph = await viaTfjsSave(model);
    expect(graph.ops.map((o) => o.type)).toEqual(['RESHAPE', 'CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'MEAN']);
    await expectSameAsTfjs(model, graph, [8, 3], 3);
    model.dispose();
  });

  it('finds weights whose names carry an outer scope ("sequential/dense_1/kernel")', () => {
    const m = loadFixture('sine');
    for (const w of m.json.weightsManifest[0].weights as Json[]) w.name = `sequential/${w.name as string}`;
    const graph = readTfjs({ modelJson: JSON.stringify(m.json), shards: { 'group1-shard1of1.bin': m.shard } });
    expect(maxErrorAgainst(graph, loadExpected('sine'))).toBeLessThan(1e-4);
  });

  it('importModel accepts the folder holding model.json', async () => {
    const graph = await importModel(fixturePath('sine', 'tfjs'));
    expect(maxErrorAgainst(graph, loadExpected('sine'))).toBeLessThan(1e-4);
  });
});
