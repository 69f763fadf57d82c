// Compress's activation RAM without the planner is the native backend's no-overlap peak: TFLM's layer bound on the
// shared models (../shared/anchors), and a RESHAPE shares its input's buffer instead of counting twice.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerByLayerBytes } from '../../core/compress/memory-bound.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import type { Graph, Op, Tensor } from '../../core/model/index.js';
import { REPO_ROOT, sharedModel } from '../support/tools.js';

const anchor = JSON.parse(readFileSync(path.resolve(REPO_ROOT, '..', 'shared', 'anchors', 'tflm-arena.json'), 'utf8')) as {
  models: Record<string, { layerBound: number }>;
};

const act = (bytes: number): Tensor => ({ name: 'a', shape: [bytes], dtype: 'float32' });
const op = (type: 'RELU' | 'RESHAPE', i: number, o: number): Op => (
  { type, inputs: [i], outputs: [o], options: type === 'RESHAPE' ? { newShape: [-1] } : {}, version: 1 } as Op);

describe('layerByLayerBytes', () => {
  for (const name of ['hello_world_int8', 'magic_wand_int8', 'micro_speech_quantized', 'person_detect', 'simple_add_model']) {
    it(`${name}: equals TFLM's layer bound`, () => {
      expect(layerByLayerBytes(readTflite(readFileSync(sharedModel(`${name}.tflite`))))).toBe(anchor.models[`${name}.tflite`]!.layerBound);
    });
  }

  it('counts a RESHAPE output in its input\'s buffer, once', () => {
    // 0 (4 B) →relu→ 1 (40 B) →reshape→ 2 (same 40 B) →relu→ 3 (8 B): the peak is op 2's 40 + 8, not 40 + 40 at the RESHAPE.
    const g: Graph = { name: 'r', tensors: [act(1), act(10), act(10), act(2)], ops: [op('RELU', 0, 1), op('RESHAPE', 1, 2), op('RELU', 2, 3)], inputs: [0], outputs: [3] };
    expect(layerByLayerBytes(g)).toBe(48);
  });

  it('still gives a figure for a graph the planner refuses (an op reading a tensor nothing wrote)', () => {
    // The unwritten read is skipped; the unread graph input is not live at any op: only the 40 B output counts.
    const g: Graph = { name: 'bad', tensors: [act(1), act(10), act(10)], ops: [op('RELU', 1, 2)], inputs: [0], outputs: [2] };
    expect(layerByLayerBytes(g)).toBe(40);
  });
});
