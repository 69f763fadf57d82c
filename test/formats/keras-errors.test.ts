// Unsupported layers are named all at once; broken .keras/.h5/TF.js files give ModelMalformed saying what is wrong.
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import h5wasm from 'h5wasm';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { readKerasH5, readKerasZip, UnsupportedLayersError } from '../../core/formats/keras/index.js';
import { readTfjs } from '../../core/formats/tfjs/index.js';
import { fixturePath } from '../support/fixtures.js';
import { fixtureBytes } from './keras-fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<TinyDeployError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(TinyDeployError);
    return e as TinyDeployError;
  }
  throw new Error('expected an error');
}

function sineTfjs(): { json: Json; shard: Uint8Array } {
  return {
    json: JSON.parse(readFileSync(fixturePath('sine', 'tfjs', 'model.json'), 'utf8')) as Json,
    shard: fixtureBytes('sine', 'tfjs', 'group1-shard1of1.bin'),
  };
}

const tfjs = (json: Json, shard: Uint8Array | undefined) =>
  readTfjs({ modelJson: JSON.stringify(json), shards: shard ? { 'group1-shard1of1.bin': shard } : {} });

/** digits_cnn's .keras with its config.json edited. */
function kerasWithConfig(edit: (config: Json) => void): Uint8Array {
  const entries = unzipSync(fixtureBytes('digits_cnn', 'model.keras'));
  const config = JSON.parse(new TextDecoder().decode(entries['config.json'])) as Json;
  edit(config);
  return zipSync({ ...entries, 'config.json': strToU8(JSON.stringify(config)) });
}

/** digits_cnn's .h5 with its model_config attribute rewritten through h5wasm. */
async function h5WithConfig(edit: (config: Json) => void): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  FS.writeFile('/edit.h5', fixtureBytes('digits_cnn', 'model.h5'));
  const f = new h5wasm.File('/edit.h5', 'a');
  const config = JSON.parse(String(f.attrs.model_config!.value)) as Json;
  edit(config);
  f.delete_attribute('model_config');
  f.create_attribute('model_config', JSON.stringify(config));
  f.close();
  const bytes = FS.readFile('/edit.h5') as Uint8Array;
  FS.unlink('/edit.h5');
  return bytes;
}

const layerNamed = (config: Json, name: string): Json => (config.config.layers as Json[]).find((l) => l.name === name || l.config.name === name)!;

describe('unsupported layers', () => {
  it('TF.js: one error names every unsupported layer with its class and reason', async () => {
    const { json, shard } = sineTfjs();
    json.modelTopology.config.layers[1].class_name = 'LSTM';
    json.modelTopology.config.layers[2].config.activation = 'elu';
    const err = await rejection(() => tfjs(json, shard));
    expect(err.code).toBe(ErrorCode.ModelUnsupportedOps);
    expect(err).toBeInstanceOf(UnsupportedLayersError);
    expect(err.message).toContain("LSTM 'dense_1'");
    expect(err.message).toContain("Dense 'dense_2' (activation 'elu')");
    expect((err as UnsupportedLayersError).layers).toHaveLength(2);
    expect(err.advice).toMatch(/Dense/);
  });

  it('.keras: names LeakyReLU and Cropping2D layers', async () => {
    const bytes = kerasWithConfig((c) => {
      layerNamed(c, 'conv_relu').class_name = 'LeakyReLU';
      layerNamed(c, 'pool1').class_name = 'Cropping2D';
    });
    const err = await rejection(readKerasZip(bytes));
    expect(err.code).toBe(ErrorCode.ModelUnsupportedOps);
    expect(err.message).toContain("LeakyReLU 'conv_relu'");
    expect(err.message).toContain("Cropping2D 'pool1'");
  });

  it('.h5: names a GRU and a channels_first convolution', async () => {
    const bytes = await h5WithConfig((c) => {
      layerNamed(c, 'sep').class_name = 'GRU';
      layerNamed(c, 'conv').config.data_format = 'channels_first';
    });
    const err = await rejection(readKerasH5(bytes));
    expect(err.code).toBe(ErrorCode.ModelUnsupportedOps);
    expect(err.message).toContain("GRU 'sep'");
    expect(err.message).toContain("Conv2D 'conv' (data_format channels_first)");
  });

  it('names a nested model as such', async () => {
    const bytes = kerasWithConfig((c) => { layerNamed(c, 'sep').class_name = 'Sequential'; });
    expect((await rejection(readKerasZip(bytes))).message).toContain("Sequential 'sep' (a model inside the model");
  });

  it('rejects a ReLU with a negative slope and a Softmax over another axis', async () => {
    const bytes = kerasWithConfig((c) => {
      layerNamed(c, 'conv_relu').config.negative_slope = 0.1;
      layerNamed(c, 'probs').config.axis = 1;
    });
    const err = await rejection(readKerasZip(bytes));
    expect(err.message).toContain("ReLU 'conv_relu' (negative_slope)");
    expect(err.message).toContain("Softmax 'probs'");
  });
});

describe('malformed .keras', () => {
  const good = fixtureBytes('digits_cnn', 'model.keras');
  it.each([
    ['truncated archive', good.subarray(0, good.length >> 1), /not a zip archive/],
    ['random bytes', Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 255), /not a zip archive/],
    ['no config.json', zipSync({ 'model.weights.h5': unzipSync(good)['model.weights.h5']! }), /no config\.json/],
    ['no weights', zipSync({ 'config.json': unzipSync(good)['config.json']! }), /no model\.weights\.h5/],
    ['config.json not JSON', zipSync({ ...unzipSync(good), 'config.json': strToU8('{"class_name": ') }), /not valid JSON/],
    ['weights not HDF5', zipSync({ ...unzipSync(good), 'model.weights.h5': strToU8('not hdf5 at all') }), /not an HDF5 file/],
    ['no layers', zipSync({ ...unzipSync(good), 'config.json': strToU8('{"class_name":"Functional","config":{"layers":[]}}') }), /lists no layers/],
  ])('%s', async (_, bytes, message) => {
    const err = await rejection(readKerasZip(bytes));
    expect(err.code).toBe(ErrorCode.ModelMalformed);
    expect(err.message).toMatch(message);
    expect(err.advice).toBeTruthy();
  });

  it('an inbound reference to a layer that does not exist', async () => {
    const bytes = kerasWithConfig((c) => { layerNamed(c, 'dw').inbound_nodes[0].args[0].config.keras_history[0] = 'ghost'; });
    expect((await rejection(readKerasZip(bytes))).message).toMatch(/unknown layer 'ghost'/);
  });
});

describe('malformed .h5', () => {
  const good = fixtureBytes('digits_cnn', 'model.h5');
  it('random bytes are not HDF5', async () => {
    const err = await rejection(readKerasH5(strToU8('definitely not a keras model'.repeat(20))));
    expect(err.code).toBe(ErrorCode.ModelMalformed);
    expect(err.message).toMatch(/not an HDF5 file/);
  });

  it('a truncated file', async () => {
    const err = await rejection(readKerasH5(good.subarray(0, 3000)));
    expect(err.code).toBe(ErrorCode.ModelMalformed);
    expect(err.message).toMatch(/HDF5 could not read it: \S/);
  });

  it('a weights-only file says the whole model is needed', async () => {
    const { FS } = await h5wasm.ready;
    const f = new h5wasm.File('/weights-only.h5', 'w');
    f.create_group('model_weights');
    f.close();
    const bytes = FS.readFile('/weights-only.h5') as Uint8Array;
    const err = await rejection(readKerasH5(bytes));
    expect(err.message).toMatch(/weights only/);
  });

  it('a model_config that is not JSON', async () => {
    const { FS } = await h5wasm.ready;
    FS.writeFile('/badcfg.h5', good);
    const f = new h5wasm.File('/badcfg.h5', 'a');
    f.delete_attribute('model_config');
    f.create_attribute('model_config', '{"class_name": "Functional", ');
    f.close();
    const err = await rejection(readKerasH5(FS.readFile('/badcfg.h5') as Uint8Array));
    expect(err.message).toMatch(/model_config attribute is not valid JSON/);
  });

  it('damaged bytes inside the file never escape as anything but a TinyDeployError', async () => {
    let seed = 7;
    const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
    for (let i = 0; i < 40; i++) {
      const bytes = Uint8Array.from(good);
      for (let k = 0; k < 8; k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      try { await readKerasH5(bytes); } catch (e) { expect(e).toBeInstanceOf(TinyDeployError); }
    }
  });
});

describe('malformed TF.js', () => {
  it('a missing shard', async () => {
    const { json } = sineTfjs();
    expect((await rejection(() => tfjs(json, undefined))).message).toMatch(/shard 'group1-shard1of1.bin' is missing/);
  });

  it('a short shard', async () => {
    const { json, shard } = sineTfjs();
    expect((await rejection(() => tfjs(json, shard.subarray(0, 100)))).message).toMatch(/end before weight/);
  });

  it('a weight left out of the manifest', async () => {
    const { json, shard } = sineTfjs();
    json.weightsManifest[0].weights.splice(1, 1);
    expect((await rejection(() => tfjs(json, shard))).message).toMatch(/'dense_1' \(Dense\) has 1 weight arrays, expected 2/);
  });

  it('a weight with the wrong shape', async () => {
    const { json, shard } = sineTfjs();
    json.weightsManifest[0].weights[2].shape = [16, 8];
    expect((await rejection(() => tfjs(json, shard))).message).toMatch(/weight 0 of layer 'dense_2' has 128 values/);
  });

  it('a graph model, and text that is not JSON', async () => {
    const { json, shard } = sineTfjs();
    json.format = 'graph-model';
    expect((await rejection(() => tfjs(json, shard))).message).toMatch(/graph model/);
    const err = await rejection(() => readTfjs({ modelJson: '{"format": "layers-model", ', shards: {} }));
    expect(err.code).toBe(ErrorCode.ModelMalformed);
  });

  it('random edits to model.json give a graph or a TinyDeployError, never a crash', () => {
    const text = readFileSync(fixturePath('digits_cnn', 'tfjs', 'model.json'), 'utf8');
    const shard = fixtureBytes('digits_cnn', 'tfjs', 'group1-shard1of1.bin');
    let seed = 11;
    const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
    const tokens = ['null', '[]', '{}', '"x"', '-1', '0', '1e9', 'true'];
    for (let i = 0; i < 200; i++) {
      // Replace a random JSON value with another of a different kind.
      const pos = Math.floor(rand() * text.length);
      const end = text.slice(pos).search(/[,}\]]/) + pos;
      const mutated = text.slice(0, text.lastIndexOf(':', pos) + 1) + tokens[Math.floor(rand() * tokens.length)] + text.slice(end);
      try { readTfjs({ modelJson: mutated, shards: { 'group1-shard1of1.bin': shard } }); }
      catch (e) { expect(e, `mutation ${i}`).toBeInstanceOf(TinyDeployError); }
    }
  });
});
