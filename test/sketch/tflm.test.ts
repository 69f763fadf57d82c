// The TFLM backend: the op resolver registers exactly the model's op types (checked against the op lists of
// TFLM's own examples, and in the compiled object against a stub of TFLM's resolver API), and the arena is the
// measurement plus the margin. The TFLM Arduino library itself cannot be downloaded here, so the sketch is
// compiled against test/sketch/arduino-stub/tensorflow, never linked against TFLM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardById } from '../../core/boards/index.js';
import { renderSketch, resolverCalls, tflmArenaSize, writeSketch } from '../../core/sketch/index.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { ARM_M4F, crossCompile, loadModel, tflmAnchor } from './support.js';

/** The ops each model's TFLM example registers (tflite-micro's examples and the person_detection sketch). */
const EXPECTED: Record<string, string[]> = {
  hello_world_int8: ['AddFullyConnected'],
  magic_wand_int8: ['AddConv2D', 'AddMean', 'AddFullyConnected', 'AddSoftmax'],
  micro_speech_quantized: ['AddReshape', 'AddDepthwiseConv2D', 'AddFullyConnected', 'AddSoftmax'],
  person_detect: ['AddDepthwiseConv2D', 'AddConv2D', 'AddAveragePool2D', 'AddReshape', 'AddSoftmax'],
};
const rev2 = boardById('nano33ble-sense-rev2')!;
const run = tierAvailable('native-cross', [onPath('arm-none-eabi-g++'), onPath('arm-none-eabi-nm')]);

describe('TFLM op resolver and arena', () => {
  it.each(Object.entries(EXPECTED))('%s: the resolver lists exactly the model\'s op types, sized to their count', (name, ops) => {
    const m = loadModel(name);
    expect(resolverCalls(m.graph)).toEqual(ops.map((o) => `${o}()`));
    const s = renderSketch({ model: m.graph, tflite: m.bytes, board: rev2, backend: 'tflm', tflmArena: tflmAnchor(m.file) });
    const ino = s.files.get(`${s.name}.ino`)!;
    expect(ino).toContain(`static tflite::MicroMutableOpResolver<${ops.length}> td_resolver;`);
    expect([...ino.matchAll(/td_resolver\.(Add\w+)\(\);/g)].map((x) => x[1])).toEqual(ops);
    // The .tflite travels byte for byte.
    const data = s.files.get('src/model_tflite.c')!;
    const bytes = [...data.matchAll(/^ {2}([\d, ]+),$/gm)].flatMap((r) => r[1]!.split(', ').map(Number));
    expect(Uint8Array.from(bytes)).toEqual(m.bytes);
  });

  it('the arena is the measurement plus 20 % (at least 1 KiB), rounded up to 16 bytes', () => {
    expect(tflmArenaSize({ measuredBytes: 10144, source: 'x' }, 0.2, rev2).bytes).toBe(Math.ceil((10144 + 2029) / 16) * 16);
    expect(tflmArenaSize({ measuredBytes: 1504, source: 'x' }, 0.2, rev2).bytes).toBe(Math.ceil((1504 + 1024) / 16) * 16);
    expect(() => tflmArenaSize({ measuredBytes: 300_000, source: 'x' }, 0.2, rev2)).toThrow(/has 262144 bytes of RAM/);
  });

  it('refuses a model with two inputs (the protocol exchanges one int8 tensor each way)', () => {
    const add = loadModel('simple_add_model');
    expect(() => renderSketch({ model: add.graph, tflite: add.bytes, board: rev2, backend: 'tflm', tflmArena: tflmAnchor(add.file) }))
      .toThrow(/needs one int8 input tensor; this model has 2/);
  });

  it.runIf(run)('compiled against the stub TFLM API, the object instantiates exactly the model\'s Add methods', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'td-sketch-tflm-'));
    for (const [name, ops] of Object.entries(EXPECTED)) {
      const m = loadModel(name);
      const s = writeSketch(parent, { model: m.graph, tflite: m.bytes, board: rev2, backend: 'tflm', tflmArena: tflmAnchor(m.file), name });
      const used = crossCompile(s.sketchDir, ARM_M4F).unresolved
        .map((sym) => /^tflite::MicroMutableOpResolver<(\d+)u>::(Add\w+)\(\)$/.exec(sym)).filter((x) => x !== null);
      expect(used.map((x) => x[2]).sort(), name).toEqual([...ops].sort());
      expect(new Set(used.map((x) => Number(x[1]))), name).toEqual(new Set([ops.length]));
    }
  });
});
