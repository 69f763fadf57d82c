// The conformance tier: our int8 interpreter and our .tflite writer against TFLite Micro itself, byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTflite, writeTflite } from '../../core/formats/tflite/index.js';
import { createInterpreter, type TensorData } from '../../core/runtime/index.js';
import { elementCount, type Graph, type Tensor } from '../../core/model/index.js';
import { sharedModel, tierAvailable } from '../support/tools.js';
import { mulberry32 } from '../support/random.js';
import { runTflm, tflmCheck } from '../support/tflm.js';

const INT8_MODELS = ['hello_world_int8', 'simple_add_model', 'magic_wand_int8', 'micro_speech_quantized', 'person_detect'];
const SAMPLES = 200;
const available = tierAvailable('conformance', [tflmCheck]);

/** Random int8 inputs of three kinds: the full range, a narrow band around the zero point, and constants. */
function randomSample(graph: Graph, rand: () => number, kind: number): Int8Array[] {
  return graph.inputs.map((ti) => {
    const t: Tensor = graph.tensors[ti];
    const n = elementCount(t.shape);
    const zp = t.quant?.zeroPoint[0] ?? 0;
    const out = new Int8Array(n);
    const constant = Math.floor(rand() * 256) - 128;
    for (let i = 0; i < n; i++) {
      const v = kind === 0 ? Math.floor(rand() * 256) - 128 : kind === 1 ? zp + Math.floor(rand() * 41) - 20 : constant;
      out[i] = Math.max(-128, Math.min(127, v));
    }
    return out;
  });
}

function bytesOf(x: TensorData): Uint8Array {
  return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
}

function outputBytes(graph: Graph): number[] {
  return graph.outputs.map((ti) => elementCount(graph.tensors[ti].shape));
}

function compare(name: string, ours: Uint8Array[][], theirs: Uint8Array[][]): number {
  let equal = 0;
  const firstMismatch: string[] = [];
  ours.forEach((outs, s) => {
    const same = outs.every((o, k) => Buffer.compare(Buffer.from(o), Buffer.from(theirs[s][k])) === 0);
    if (same) equal++;
    else if (firstMismatch.length < 3) firstMismatch.push(`sample ${s}: ours ${Array.from(outs[0].slice(0, 8))} TFLM ${Array.from(theirs[s][0].slice(0, 8))}`);
  });
  console.log(`conformance ${name}: ${equal}/${ours.length} samples bit-exact with TFLM${firstMismatch.length ? `; ${firstMismatch.join('; ')}` : ''}`);
  return equal;
}

describe.skipIf(!available)('int8 models equal TFLite Micro byte for byte', () => {
  for (const name of INT8_MODELS) {
    const file = sharedModel(`${name}.tflite`);

    it(`${name}: ${SAMPLES} random inputs, our interpreter = TFLM`, () => {
      const graph = readTflite(new Uint8Array(readFileSync(file)));
      const rand = mulberry32(0x7f1 + name.length);
      const samples = Array.from({ length: SAMPLES }, (_, s) => randomSample(graph, rand, s % 3));
      const interp = createInterpreter(graph);
      const ours = samples.map((inputs) => interp.run(inputs).map(bytesOf));
      const theirs = runTflm(file, samples.map((ins) => ins.map(bytesOf)), outputBytes(graph));
      expect(compare(name, ours, theirs)).toBe(SAMPLES);
    });

    it(`${name}: the file our writer produces runs in TFLM with the same outputs`, () => {
      const original = readTflite(new Uint8Array(readFileSync(file)));
      const written = writeTflite(original);
      const reread = readTflite(written);
      const rand = mulberry32(0x5eed + name.length);
      const samples = Array.from({ length: SAMPLES }, (_, s) => randomSample(reread, rand, s % 3));
      const interp = createInterpreter(original);
      const ours = samples.map((inputs) => interp.run(inputs).map(bytesOf));
      const theirs = runTflm(written, samples.map((ins) => ins.map(bytesOf)), outputBytes(reread));
      expect(compare(`${name} (our writer)`, ours, theirs)).toBe(SAMPLES);
    });
  }

  it('hello_world_float: float outputs agree with TFLM within float32 rounding', () => {
    const file = sharedModel('hello_world_float.tflite');
    const graph = readTflite(new Uint8Array(readFileSync(file)));
    const xs = Array.from({ length: SAMPLES }, (_, i) => Float32Array.of((i / SAMPLES) * 2 * Math.PI));
    const ours = xs.map((x) => createInterpreter(graph).run([x])[0] as Float32Array);
    const theirs = runTflm(file, xs.map((x) => [bytesOf(x)]), [4]);
    xs.forEach((_, i) => {
      const t = new Float32Array(theirs[i][0].buffer.slice(theirs[i][0].byteOffset, theirs[i][0].byteOffset + 4))[0];
      expect(Math.abs(ours[i][0] - t)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(t)));
    });
  });
});
