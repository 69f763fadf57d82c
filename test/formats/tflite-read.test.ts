// The reader maps each of the six real models into the IR: ops, options, quantization and constant data.
import { describe, expect, it } from 'vitest';
import { readTflite } from '../../core/formats/index.js';
import { elementCount, tensorBytes, type Graph } from '../../core/model/index.js';
import { MODEL_FILES, modelBytes } from './models.js';

const read = (f: string): Graph => readTflite(modelBytes(f));
const types = (g: Graph): string[] => g.ops.map((o) => o.type);

describe('readTflite on the shared models', () => {
  it('reads hello_world_int8 as three int8 FULLY_CONNECTED (v4) with per-tensor weights', () => {
    const g = read('hello_world_int8.tflite');
    expect(types(g)).toEqual(['FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED']);
    expect(g.ops.every((o) => o.version === 4)).toBe(true);
    expect(g.tensors[g.inputs[0]].shape).toEqual([1, 1]);
    expect(g.tensors[g.inputs[0]].dtype).toBe('int8');
    const fc = g.ops[0];
    const w = g.tensors[fc.inputs[1]];
    expect(w.quant?.scale).toHaveLength(1);
    expect(w.quant?.zeroPoint).toEqual([0]);
    expect(w.data).toHaveLength(tensorBytes(w));
    expect(fc.type === 'FULLY_CONNECTED' && fc.options.activation).toBe('RELU');
    expect(g.metadata?.map((m) => m.name)).toContain('min_runtime_version');
  });

  it('reads hello_world_float with float32 tensors and no quantization', () => {
    const g = read('hello_world_float.tflite');
    expect(types(g)).toEqual(['FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED']);
    expect(g.tensors.every((t) => t.dtype === 'float32' && t.quant === undefined)).toBe(true);
  });

  it('reads magic_wand as CONV_2D x3, MEAN, FULLY_CONNECTED, SOFTMAX', () => {
    const g = read('magic_wand_int8.tflite');
    expect(types(g)).toEqual(['CONV_2D', 'CONV_2D', 'CONV_2D', 'MEAN', 'FULLY_CONNECTED', 'SOFTMAX']);
    const mean = g.ops[3];
    const axes = g.tensors[mean.inputs[1]];
    expect(axes.dtype).toBe('int32');
    expect(axes.data).toBeDefined();
  });

  it('reads micro_speech as RESHAPE, DEPTHWISE_CONV_2D, FULLY_CONNECTED, SOFTMAX', () => {
    const g = read('micro_speech_quantized.tflite');
    expect(types(g)).toEqual(['RESHAPE', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED', 'SOFTMAX']);
  });

  it('reads person_detect as 31 ops with per-channel CONV (axis 0) and DEPTHWISE (axis 3) filters', () => {
    const g = read('person_detect.tflite');
    expect(g.ops).toHaveLength(31);
    const count = (t: string): number => types(g).filter((x) => x === t).length;
    expect(count('CONV_2D')).toBe(14);
    expect(count('DEPTHWISE_CONV_2D')).toBe(14); // MobileNet's first 3x3 conv on 1 channel is a depthwise with multiplier 8
    expect([count('AVERAGE_POOL_2D'), count('RESHAPE'), count('SOFTMAX')]).toEqual([1, 1, 1]);
    for (const op of g.ops) {
      if (op.type !== 'CONV_2D' && op.type !== 'DEPTHWISE_CONV_2D') continue;
      const w = g.tensors[op.inputs[1]];
      const axis = op.type === 'CONV_2D' ? 0 : 3;
      expect(w.quant?.axis).toBe(axis);
      expect(w.quant?.scale).toHaveLength(w.shape[axis]);
      expect(g.tensors[op.inputs[2]].dtype).toBe('int32');
    }
    const first = g.ops[0];
    expect(first.type === 'DEPTHWISE_CONV_2D' && first.options).toMatchObject({ padding: 'SAME', strideW: 2, activation: 'RELU6' });
    expect(g.tensors[g.inputs[0]].shape).toEqual([1, 96, 96, 1]);
  });

  it('reads simple_add_model as one ADD with two graph inputs', () => {
    const g = read('simple_add_model.tflite');
    expect(types(g)).toEqual(['ADD']);
    expect(g.inputs).toHaveLength(2);
  });

  it.each(MODEL_FILES)('%s: constant data sizes match shapes and every index is in range', (file) => {
    const g = read(file);
    for (const t of g.tensors) if (t.data) expect(t.data.length).toBe(tensorBytes(t));
    for (const op of g.ops) {
      for (const i of [...op.inputs, ...op.outputs]) expect(i === -1 || (i >= 0 && i < g.tensors.length)).toBe(true);
    }
    const activations = g.tensors.filter((t) => !t.data);
    expect(activations.every((t) => elementCount(t.shape) > 0)).toBe(true);
  });

  it('copies constant data so the graph does not alias the file bytes', () => {
    const bytes = modelBytes('hello_world_int8.tflite');
    const g = readTflite(bytes);
    const w = g.tensors[g.ops[0].inputs[1]];
    const before = Array.from(w.data!);
    bytes.fill(0);
    expect(Array.from(w.data!)).toEqual(before);
  });
});
