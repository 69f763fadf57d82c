// loadModel: every format the importers read, recognised by content, with its precision and a description.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { expandHybridWeights, loadModel, modelPrecision } from '../../core/formats/index.js';
import { fixturePath, loadExpected } from '../support/fixtures.js';
import { hybridFrom } from '../support/hybrid-model.js';
import { maxErrorAgainst } from './keras-fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'td-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadError(file: string): Promise<TinyDeployError> {
  try { await loadModel(file); } catch (e) { expect(e).toBeInstanceOf(TinyDeployError); return e as TinyDeployError; }
  throw new Error(`expected ${file} to be refused`);
}

describe('loadModel', () => {
  it.each([
    ['model.keras', 'keras', 'float', /^float Keras v3 archive/],
    ['model.h5', 'h5', 'float', /^float Keras HDF5/],
    ['tfjs/model.json', 'tfjs', 'float', /^float TF\.js layers model/],
    ['tfjs', 'tfjs', 'float', /^float TF\.js layers model/],
    ['float.tflite', 'tflite', 'float', /^float TensorFlow Lite flatbuffer: float32 weights and activations$/],
    ['int8.tflite', 'tflite', 'int8', /^int8 TensorFlow Lite flatbuffer: int8 weights and activations$/],
  ])('reads sine/%s as %s, %s', async (file, format, precision, description) => {
    const loaded = await loadModel(fixturePath('sine', ...file.split('/')));
    expect(loaded.format).toBe(format);
    expect(loaded.precision).toBe(precision);
    expect(loaded.description).toMatch(description);
    expect(loaded.graph.ops.length).toBeGreaterThan(0);
  });

  it('goes by content, not by the name: an .h5 named .tflite and a .tflite named .h5', async () => {
    copyFileSync(fixturePath('sine', 'model.h5'), path.join(dir, 'really-h5.tflite'));
    copyFileSync(fixturePath('sine', 'float.tflite'), path.join(dir, 'really-tflite.h5'));
    expect((await loadModel(path.join(dir, 'really-h5.tflite'))).format).toBe('h5');
    expect((await loadModel(path.join(dir, 'really-tflite.h5'))).format).toBe('tflite');
  });

  it('recognises a hybrid .tflite (int8 weights, float activations) and expands it back to a working float model', async () => {
    const file = path.join(dir, 'hybrid.tflite');
    writeFileSync(file, hybridFrom(fixturePath('sine', 'float.tflite')).bytes);
    const loaded = await loadModel(file);
    expect(loaded.precision).toBe('hybrid');
    expect(loaded.description).toMatch(/^hybrid-quantized TensorFlow Lite flatbuffer: int8 weights with float32 activations/);
    const float = expandHybridWeights(loaded.graph);
    expect(modelPrecision(float)).toBe('float');
    expect(float.tensors.filter((t) => t.data).every((t) => t.dtype !== 'int8')).toBe(true);
    // int8 weights cost a little accuracy against Keras' outputs, not the function (sine in [-1, 1]).
    expect(maxErrorAgainst(float, loadExpected('sine'))).toBeLessThan(0.1);
  });

  it('refuses a missing path, a folder without model.json and garbage with one typed error each', async () => {
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'garbage.bin'), 'neither a flatbuffer nor HDF5 nor zip');
    const missing = await loadError(path.join(dir, 'nope.tflite'));
    expect(missing.code).toBe(ErrorCode.InvalidArgument);
    expect(missing.message).toMatch(/cannot read model ".*nope\.tflite": no such file or folder/);
    expect((await loadError(path.join(dir, 'empty'))).message).toMatch(/a folder without a readable model\.json/);
    const garbage = await loadError(path.join(dir, 'garbage.bin'));
    expect(garbage.code).toBe(ErrorCode.ModelUnsupportedType);
    expect(garbage.advice).toMatch(/\.tflite.*\.keras.*\.h5.*model\.json/);
  });
});
