// importModel picks the reader from the bytes' magic first and the extension second, for paths and for bytes.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { detectModelFormat, importModel } from '../../core/formats/import-model.js';
import { fixturePath, loadExpected } from '../support/fixtures.js';
import { fixtureBytes, maxErrorAgainst, opSignature } from './keras-fixtures.js';

async function importError(source: Parameters<typeof importModel>[0]): Promise<TinyDeployError> {
  try { await importModel(source); } catch (e) { expect(e).toBeInstanceOf(TinyDeployError); return e as TinyDeployError; }
  throw new Error('expected an error');
}

describe('importModel', () => {
  it.each(['model.keras', 'model.h5', 'tfjs/model.json', 'float.tflite'])('reads digits_cnn/%s from its path', async (file) => {
    const graph = await importModel(fixturePath('digits_cnn', ...file.split('/')));
    expect(maxErrorAgainst(graph, loadExpected('digits_cnn'))).toBeLessThan(1e-4);
  });

  it('reads the converter\'s int8 .tflite as an int8 graph', async () => {
    const graph = await importModel(fixturePath('digits_cnn', 'int8.tflite'));
    expect(graph.tensors[graph.inputs[0]!]!.dtype).toBe('int8');
  });

  it('trusts the content over a misleading name', async () => {
    const keras = await importModel({ bytes: fixtureBytes('sine', 'model.keras'), name: 'upload.bin' });
    const h5 = await importModel({ bytes: fixtureBytes('sine', 'model.h5'), name: 'model.keras' });
    expect(opSignature(keras)).toEqual(opSignature(h5));
    expect(detectModelFormat(fixtureBytes('sine', 'float.tflite'), 'x.h5')).toBe('tflite');
    expect(detectModelFormat(fixtureBytes('sine', 'tfjs', 'model.json'), 'x')).toBe('tfjs');
  });

  it('TF.js from bytes takes its shards alongside', async () => {
    const graph = await importModel({
      bytes: fixtureBytes('sine', 'tfjs', 'model.json'), name: 'model.json',
      shards: { 'group1-shard1of1.bin': fixtureBytes('sine', 'tfjs', 'group1-shard1of1.bin') },
    });
    expect(maxErrorAgainst(graph, loadExpected('sine'))).toBeLessThan(1e-4);
    const err = await importError({ bytes: fixtureBytes('sine', 'tfjs', 'model.json'), name: 'model.json' });
    expect(err.message).toMatch(/shard .* is missing/);
  });

  it('an unknown file is ModelUnsupportedType; garbage with a model extension is ModelMalformed', async () => {
    const unknown = await importError({ bytes: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), name: 'notes.docx' });
    expect(unknown.code).toBe(ErrorCode.ModelUnsupportedType);
    expect(unknown.advice).toMatch(/\.tflite/);
    for (const name of ['m.h5', 'm.tflite']) {
      expect((await importError({ bytes: new Uint8Array(64).fill(7), name })).code).toBe(ErrorCode.ModelMalformed);
    }
  });
});
