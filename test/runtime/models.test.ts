// The interpreter on the shared real models: hello_world approximates sin(x); the others run and stay consistent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTflite } from '../../core/formats/tflite/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { fileExists, sharedModel, tierAvailable } from '../support/tools.js';

const MODELS = ['hello_world_int8.tflite', 'hello_world_float.tflite', 'person_detect.tflite', 'magic_wand_int8.tflite',
  'micro_speech_quantized.tflite', 'simple_add_model.tflite'];
const available = tierAvailable('shared-models', MODELS.map((m) => fileExists(m, sharedModel(m))));
const load = (m: string) => readTflite(new Uint8Array(readFileSync(sharedModel(m))));

describe.runIf(available)('real models', () => {
  it('hello_world_int8 approximates sin(x) on [0, 2π]', () => {
    const g = load('hello_world_int8.tflite');
    const interp = createInterpreter(g);
    const inQ = g.tensors[g.inputs[0]!]!.quant!;
    const outQ = g.tensors[g.outputs[0]!]!.quant!;
    let worst = 0;
    for (let k = 0; k <= 40; k++) {
      const x = (k / 40) * 2 * Math.PI;
      const qx = Math.max(-128, Math.min(127, Math.round(x / inQ.scale[0]!) + inQ.zeroPoint[0]!));
      const [out] = interp.run([Int8Array.of(qx)]);
      const y = (out![0]! - outQ.zeroPoint[0]!) * outQ.scale[0]!;
      worst = Math.max(worst, Math.abs(y - Math.sin(x)));
    }
    expect(worst).toBeLessThan(0.25);
  });

  it('hello_world_float approximates sin(x) and agrees with the int8 model', () => {
    const g = load('hello_world_float.tflite');
    const interp = createInterpreter(g);
    for (const x of [0.5, 1.5, 3, 4.7, 6]) {
      const [out] = interp.run([Float32Array.of(x)]);
      expect(Math.abs(out![0]! - Math.sin(x))).toBeLessThan(0.2);
    }
  });

  it('person_detect gives two class scores summing to ~256 and is deterministic', () => {
    const g = load('person_detect.tflite');
    const interp = createInterpreter(g);
    const img = Int8Array.from({ length: 96 * 96 }, (_, i) => ((i * 37) % 256) - 128);
    const [a] = interp.run([img]);
    const [b] = interp.run([img]);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(a!.length).toBe(2);
    expect(Math.abs(a![0]! + a![1]! + 256 - 256)).toBeLessThanOrEqual(2);
  });

  it('runAll exposes every intermediate tensor, and the outputs equal run()', () => {
    const g = load('magic_wand_int8.tflite');
    const interp = createInterpreter(g);
    const n = g.tensors[g.inputs[0]!]!.shape.reduce((x, y) => x * y, 1);
    const input = g.tensors[g.inputs[0]!]!.dtype === 'float32'
      ? Float32Array.from({ length: n }, (_, i) => Math.sin(i)) : Int8Array.from({ length: n }, (_, i) => (i % 50) - 25);
    const all = interp.runAll([input]);
    const outs = interp.run([input]);
    expect(all.length).toBe(g.tensors.length);
    for (const op of g.ops) for (const o of op.outputs) expect(all[o]).toBeDefined();
    g.outputs.forEach((ti, k) => expect(Array.from(all[ti]!)).toEqual(Array.from(outs[k]!)));
  });

  it('every shared model prepares and runs', () => {
    for (const m of MODELS) {
      const g = load(m);
      const inputs = g.inputs.map((ti) => {
        const t = g.tensors[ti]!;
        const n = t.shape.reduce((x, y) => x * y, 1);
        return t.dtype === 'float32' ? new Float32Array(n) : new Int8Array(n);
      });
      const outs = createInterpreter(g).run(inputs);
      expect(outs.length, m).toBe(g.outputs.length);
    }
  });
});
