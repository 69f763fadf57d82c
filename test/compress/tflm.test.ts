// Our int8 .tflite runs in TFLite Micro itself with the same output bytes as core/runtime.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quantizeInt8 } from '../../core/compress/quantize.js';
import { seededRng } from '../../core/compress/rng.js';
import { rowsOf } from '../../core/compress/samples.js';
import { readTflite, writeTflite } from '../../core/formats/index.js';
import { elementCount } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { runTflm, tflmCheck } from '../support/tflm.js';
import { fixturePath, type FixtureName } from '../support/fixtures.js';
import { tierAvailable } from '../support/tools.js';
import { fixtureSplits } from './data.js';

const run = tierAvailable('conformance', [tflmCheck]);

describe.runIf(run)('PTQ output in TFLM', () => {
  it.each(['digits_cnn', 'cancer_mlp'] as FixtureName[])('%s: 30 random inputs give TFLM\'s bytes', async (name) => {
    const { f, train } = fixtureSplits(name);
    const float = readTflite(readFileSync(fixturePath(f.files.floatTflite)));
    const q = (await quantizeInt8(float, rowsOf(train, 0, Math.min(500, train.rows)))).graph;
    const file = writeTflite(q);
    const inSize = elementCount(q.tensors[q.inputs[0]!]!.shape);
    const outSize = elementCount(q.tensors[q.outputs[0]!]!.shape);
    const rng = seededRng(77);
    const samples = Array.from({ length: 30 }, () => Int8Array.from({ length: inSize }, () => Math.floor(rng() * 256) - 128));
    const tflm = runTflm(file, samples.map((s) => [new Uint8Array(s.buffer)]), [outSize]);
    const interp = createInterpreter(readTflite(file));
    samples.forEach((s, i) => {
      const ours = interp.run([s])[0] as Int8Array;
      expect(Array.from(new Uint8Array(ours.buffer, ours.byteOffset, ours.byteLength))).toEqual(Array.from(tflm[i]![0]!));
    });
  });
});
