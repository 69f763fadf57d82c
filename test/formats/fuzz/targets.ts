// One fuzz target per importer: the real files it starts from (test fixtures, the shared models), a fast-check
// arbitrary of mutated inputs, and the call under test. Each call must succeed or throw TinyDeployError.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  parseDataset, parseNpy, readKerasH5, readKerasZip, readTfjs, readTflite, writeTflite,
} from '../../../core/formats/index.js';
import { layerStats, type Graph } from '../../../core/model/index.js';
import { allOpsGraph } from '../../model/fixture-graphs.js';
import { REPO_ROOT, SHARED_MODELS } from '../../support/tools.js';
import { applyBytes, applyJson, applyText, byteSteps, jsonSteps, textSteps } from './mutations.js';

export interface FuzzTarget<T = unknown> {
  name: string;
  /** Mutated inputs, each with a label to replay it by. */
  input: fc.Arbitrary<T>;
  run(input: T): Promise<unknown> | unknown;
}

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
const MODELS = ['cancer_mlp', 'digits_cnn', 'digits_mlp', 'prep', 'sine', 'zoo'];
const read = (...p: string[]): Uint8Array => new Uint8Array(readFileSync(path.join(...p)));
const exists = (...p: string[]): boolean => { try { readFileSync(path.join(...p)); return true; } catch { return false; } };
const checkGraph = (g: Graph): void => { layerStats(g); };

/** Picks one of `seeds` and mutates its bytes. */
function mutatedBytes(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.nat(seeds.length - 1), byteSteps).map(([i, steps]) => applyBytes(seeds[i]!, steps));
}

function tfliteTarget(): FuzzTarget<Uint8Array> {
  const seeds = readdirSync(SHARED_MODELS).filter((f) => f.endsWith('.tflite') && !f.startsWith('person')).map((f) => read(SHARED_MODELS, f));
  for (const m of MODELS) for (const f of ['float.tflite', 'int8.tflite']) if (exists(FIXTURES, m, f)) seeds.push(read(FIXTURES, m, f));
  seeds.push(writeTflite(allOpsGraph()));
  return { name: '.tflite', input: mutatedBytes(seeds), run: (b) => checkGraph(readTflite(b)) };
}

/** Keras .h5: bytes anywhere, or digits inside the model_config JSON (length kept, so HDF5's layout still holds). */
function h5Target(): FuzzTarget<Uint8Array> {
  const seeds = MODELS.filter((m) => exists(FIXTURES, m, 'model.h5')).map((m) => read(FIXTURES, m, 'model.h5'));
  const digitEdit = fc.tuple(fc.nat(seeds.length - 1), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'0123456789-.e')), { minLength: 1, maxLength: 4 }))
    .map(([i, edits]) => {
      const b = seeds[i]!.slice();
      const text = strFromU8(b, true);
      const start = text.indexOf('{"class_name"');
      const digits: number[] = [];
      for (let k = Math.max(0, start); start >= 0 && k < text.length && digits.length < 4096; k++) if (/\d/.test(text[k]!)) digits.push(k);
      for (const [at, ch] of edits) if (digits.length > 0) b[digits[at % digits.length]!] = ch.charCodeAt(0);
      return b;
    });
  return { name: '.h5', input: fc.oneof(mutatedBytes(seeds), digitEdit), run: async (b) => checkGraph(await readKerasH5(b)) };
}

/** .keras: the zip's own bytes, or a rebuilt zip whose config.json or weights were mutated. */
function kerasTarget(): FuzzTarget<Uint8Array> {
  const seeds = MODELS.filter((m) => exists(FIXTURES, m, 'model.keras')).map((m) => read(FIXTURES, m, 'model.keras'));
  const entries = seeds.map((s) => unzipSync(s));
  const rebuilt = fc.tuple(fc.nat(seeds.length - 1), fc.oneof(jsonSteps.map((j) => ({ j })), byteSteps.map((b) => ({ b }))))
    .map(([i, step]) => {
      const e: Record<string, Uint8Array> = { ...entries[i]! };
      if ('j' in step) e['config.json'] = strToU8(applyJson(strFromU8(e['config.json']!), step.j));
      else e['model.weights.h5'] = applyBytes(e['model.weights.h5']!, step.b);
      return zipSync(e, { level: 1 });
    });
  return { name: '.keras', input: fc.oneof(mutatedBytes(seeds), rebuilt), run: async (b) => checkGraph(await readKerasZip(b)) };
}

interface TfjsCase { modelJson: string; shards: Record<string, Uint8Array> }

/** TF.js: model.json edited at any JSON path (topology and manifest alike), or its shard's bytes mutated. */
function tfjsTarget(): FuzzTarget<TfjsCase> {
  const seeds = MODELS.filter((m) => exists(FIXTURES, m, 'tfjs', 'model.json')).map((m) => ({
    modelJson: strFromU8(read(FIXTURES, m, 'tfjs', 'model.json')),
    shards: { 'group1-shard1of1.bin': read(FIXTURES, m, 'tfjs', 'group1-shard1of1.bin') },
  }));
  const input = fc.tuple(fc.nat(seeds.length - 1), fc.oneof(jsonSteps.map((j) => ({ j })), byteSteps.map((b) => ({ b })), textSteps.map((t) => ({ t }))))
    .map(([i, step]): TfjsCase => {
      const s = seeds[i]!;
      if ('j' in step) return { ...s, modelJson: applyJson(s.modelJson, step.j) };
      if ('t' in step) return { ...s, modelJson: applyText(s.modelJson, step.t) };
      return { ...s, shards: { 'group1-shard1of1.bin': applyBytes(s.shards['group1-shard1of1.bin']!, step.b) } };
    });
  return { name: 'TF.js model.json + shards', input, run: (c) => checkGraph(readTfjs(c)) };
}

/** CSV: the fixtures' first 40 lines with hostile tokens, lines dropped or doubled; and arbitrary strings. */
function csvTarget(): FuzzTarget<string> {
  const seeds = readdirSync(path.join(FIXTURES, 'data')).filter((f) => f.endsWith('.csv'))
    .map((f) => strFromU8(read(FIXTURES, 'data', f)).split('\n').slice(0, 40).join('\n'));
  const input = fc.oneof(
    { arbitrary: fc.tuple(fc.nat(seeds.length - 1), textSteps).map(([i, steps]) => applyText(seeds[i]!, steps)), weight: 8 },
    { arbitrary: fc.string({ maxLength: 200, unit: fc.constantFrom(...'0123456789.,-e"\n\r abcNnaIif\uFEFF\u0000'.split('')) }), weight: 1 },
    { arbitrary: fc.string({ maxLength: 100, unit: 'binary' }), weight: 1 },
  );
  return { name: 'CSV', input, run: (text) => parseDataset(strToU8(text), 'fuzz.csv') };
}

interface NpCase { bytes: Uint8Array; name: string }

/** .npy headers (shape, descr, version) edited as text, bytes mutated; .npz archives raw or rebuilt from mutated arrays. */
function npyTarget(): FuzzTarget<NpCase> {
  const dir = path.join(FIXTURES, 'npy');
  const npys = readdirSync(dir).filter((f) => f.endsWith('.npy')).map((f) => read(dir, f));
  const npzs = readdirSync(dir).filter((f) => f.endsWith('.npz')).map((f) => read(dir, f));
  const headerEdit = fc.tuple(fc.nat(npys.length - 1), textSteps).map(([i, steps]) => {
    const src = npys[i]!;
    const headerEnd = 10 + new DataView(src.buffer, src.byteOffset).getUint16(8, true);
    const header = strToU8(applyText(strFromU8(src.subarray(10, headerEnd), true), steps), true);
    const out = new Uint8Array(10 + header.length + src.length - headerEnd);
    out.set(src.subarray(0, 10));
    new DataView(out.buffer).setUint16(8, header.length, true);
    out.set(header, 10);
    out.set(src.subarray(headerEnd), 10 + header.length);
    return out;
  });
  const npy = fc.oneof(mutatedBytes(npys), headerEdit).map((bytes): NpCase => ({ bytes, name: 'fuzz.npy' }));
  const npzRebuilt = fc.tuple(fc.nat(npzs.length - 1), fc.oneof(mutatedBytes(npys), headerEdit), fc.boolean())
    .map(([i, arr, compressed]): NpCase => {
      const e = unzipSync(npzs[i]!);
      const key = Object.keys(e).sort()[arr.length % Object.keys(e).length]!;
      return { bytes: zipSync({ ...e, [key]: arr }, { level: compressed ? 6 : 0 }), name: 'fuzz.npz' };
    });
  const npz = fc.oneof(mutatedBytes(npzs).map((bytes): NpCase => ({ bytes, name: 'fuzz.npz' })), npzRebuilt);
  return {
    name: '.npy/.npz', input: fc.oneof(npy, npz),
    run: (c) => (c.name.endsWith('.npy') ? parseNpy(c.bytes, c.name) : parseDataset(c.bytes, c.name)),
  };
}

export const TARGETS: Record<string, () => FuzzTarget<never>> = {
  tflite: tfliteTarget as () => FuzzTarget<never>,
  h5: h5Target as () => FuzzTarget<never>,
  keras: kerasTarget as () => FuzzTarget<never>,
  tfjs: tfjsTarget as () => FuzzTarget<never>,
  csv: csvTarget as () => FuzzTarget<never>,
  npy: npyTarget as () => FuzzTarget<never>,
};
