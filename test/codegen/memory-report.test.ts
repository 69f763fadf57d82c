// The memory report against independent figures: TFLM's layer-by-layer bound (../shared/anchors), the weight bytes
// counted straight from the model's constant tensors, and the arrays the generated C actually declares.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMemoryReport, generateNativeModel } from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { tensorBytes } from '../../core/model/index.js';
import { REPO_ROOT, sharedModel } from '../support/tools.js';

const anchor = JSON.parse(readFileSync(path.resolve(REPO_ROOT, '..', 'shared', 'anchors', 'tflm-arena.json'), 'utf8')) as {
  models: Record<string, { layerBound: number }>;
};
const MODELS = ['hello_world_int8', 'magic_wand_int8', 'micro_speech_quantized', 'person_detect', 'simple_add_model'];

interface DeclaredArray { name: string; bytes: number; isConst: boolean; inFlash: boolean }

const ELEMENT_BYTES: Record<string, number> = { int8_t: 1, uint8_t: 1, int32_t: 4 };

/** Every file-scope array definition of generated C, with its size in bytes. */
function declaredArrays(source: string): DeclaredArray[] {
  return [...source.matchAll(/^static (const )?(int8_t|uint8_t|int32_t) (\w+)\[(\d+)\]( TD_FLASH)? = |^static (int8_t) (\w+)\[(\d+)\];/gm)].map((m) => ({
    name: m[3] ?? m[7]!,
    bytes: Number(m[4] ?? m[8]) * ELEMENT_BYTES[m[2] ?? m[6]!]!,
    isConst: m[1] !== undefined,
    inFlash: m[5] !== undefined,
  }));
}

const sum = (xs: readonly DeclaredArray[]): number => xs.reduce((s, a) => s + a.bytes, 0);

describe('memory report of the shared models', () => {
  for (const name of MODELS) {
    it(`${name}: the no-overlap peak equals TFLM's layer bound, weights equal the constant tensors, plan within bound`, () => {
      const graph = readTflite(readFileSync(sharedModel(`${name}.tflite`)));
      const { report, source } = generateNativeModel(graph, { prefix: 'm' });
      expect(report.noOverlapPeakBytes).toBe(anchor.models[`${name}.tflite`]!.layerBound);
      const weightTensors = new Set(graph.ops.filter((op) => ['FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D'].includes(op.type))
        .flatMap((op) => op.inputs.slice(1).filter((t) => t >= 0)));
      const expected = [...weightTensors].reduce((s, t) => s + tensorBytes(graph.tensors[t]!), 0);
      expect(report.weightBytes).toBe(expected);
      // RAM is every writable array the C defines; flash constants are the requantization tables.
      const arrays = declaredArrays(source);
      expect(report.ramBytes).toBe(sum(arrays.filter((a) => !a.isConst)));
      expect(report.avrExtraRamBytes).toBe(sum(arrays.filter((a) => a.isConst && !a.inFlash)));
      expect(report.constantBytes).toBe(sum(arrays.filter((a) => /_requant(_mult|_shift)?$/.test(a.name))));
      expect(report.activationBytes).toBeLessThanOrEqual(report.noOverlapPeakBytes);
      expect(report.layers).toHaveLength(graph.ops.length);
      for (const l of report.layers) expect(l.liveBytes).toBeLessThanOrEqual(report.noOverlapPeakBytes);
      expect(Math.max(...report.layers.map((l) => l.liveBytes))).toBe(report.noOverlapPeakBytes);
      expect(formatMemoryReport(report).split('\n')).toHaveLength(graph.ops.length + 2);
    });
  }
});

describe('requantization tables in the memory report', () => {
  const graph = readTflite(readFileSync(sharedModel('person_detect.tflite')));
  // Every conv of person_detect has per-channel filter scales, so every output channel has its own table entry.
  const channels = graph.ops.filter((op) => op.type === 'CONV_2D' || op.type === 'DEPTHWISE_CONV_2D')
    .reduce((s, op) => s + graph.tensors[op.outputs[0]!]!.shape[3]!, 0);

  it('counts the channels with a table entry; plain tables hold 5 bytes per channel', () => {
    const { report } = generateNativeModel(graph, { prefix: 'm', requantLayout: 'plain' });
    expect(report.requantChannels).toBe(channels);
    expect(report.constantBytes).toBe(5 * channels);
  });

  it('packed tables hold about the float32 scale\'s information per channel (23 mantissa bits + exponent offset)', () => {
    const { report } = generateNativeModel(graph, { prefix: 'm', requantLayout: 'packed' });
    expect(report.requantChannels).toBe(channels);
    expect((report.constantBytes * 8) / channels).toBeLessThan(26);
  });
});
