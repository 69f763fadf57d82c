// PTQ: converter-style params, per-channel weights, int32 bias, fixed/shared activation params, and a fixture
// whose int8 accuracy (run in core/runtime) stays close to float.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { calibratedRange, histogramOf, quantizationError } from '../../core/compress/calibrators.js';
import { evaluate } from '../../core/compress/evaluate.js';
import { activationParams } from '../../core/compress/real-to-int8.js';
import { quantizeInt8 } from '../../core/compress/quantize.js';
import { seededRng } from '../../core/compress/rng.js';
import { rowsOf } from '../../core/compress/samples.js';
import { readFloats } from '../../core/compress/tensor-values.js';
import { readTflite, writeTflite } from '../../core/formats/index.js';
import type { Graph, Op } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { fixturePath } from '../support/fixtures.js';
import { blobs, fixtureSplits } from './data.js';
import { cnnGraph } from './graphs.js';

describe('activation params', () => {
  it('always represent 0 exactly with an int8 zero point, even for garbage ranges', () => {
    const rng = seededRng(5);
    const ranges = [{ min: NaN, max: 1 }, { min: 3, max: -2 }, { min: 0, max: 0 }, { min: -Infinity, max: 4 }];
    for (let i = 0; i < 200; i++) ranges.push({ min: (rng() - 0.7) * 10 ** (rng() * 6 - 3), max: (rng() - 0.3) * 10 ** (rng() * 6 - 3) });
    for (const r of ranges) {
      const p = activationParams(r);
      expect(Number.isInteger(p.zeroPoint) && p.zeroPoint >= -128 && p.zeroPoint <= 127).toBe(true);
      expect(p.scale > 0 && Number.isFinite(p.scale)).toBe(true);
      expect(Math.fround(p.scale)).toBe(p.scale);
    }
  });
  it('match the converter on a ReLU range: zero point -128 and scale max/255', () => {
    expect(activationParams({ min: 0.5, max: 2.55 })).toEqual({ scale: Math.fround(2.55 / 255), zeroPoint: -128 });
  });
});

describe('calibrators', () => {
  const rng = seededRng(9);
  // Mostly small values with rare large outliers: clipping the tail lowers the quantization error.
  const values = Float32Array.from({ length: 20000 }, (_, i) => (i % 1000 === 0 ? 40 : 1) * (rng() * 2 - 1));
  const h = histogramOf(values);
  it('percentile and MSE clip outliers that min/max keeps', () => {
    const mm = calibratedRange(h, 'minmax');
    for (const c of ['percentile', 'mse'] as const) {
      const r = calibratedRange(h, c);
      expect(r.max - r.min).toBeLessThan(mm.max - mm.min);
    }
  });
  it('the MSE calibrator never has more quantization error than min/max', () => {
    expect(quantizationError(h, calibratedRange(h, 'mse'))).toBeLessThanOrEqual(quantizationError(h, calibratedRange(h, 'minmax')));
  });
});

describe('quantizeInt8 on a small CNN', () => {
  const float = cnnGraph(8, 8, 4);
  const calib = blobs(64, 64, 4);
  let graph: Graph;
  let convOp: Op;
  beforeAll(async () => {
    graph = (await quantizeInt8(float, calib, { calibrator: 'minmax' })).graph;
    convOp = graph.ops.find((op) => op.type === 'CONV_2D')!;
  });
  it('quantizes CONV_2D weights per output channel with scale max|w|/127', () => {
    const w = graph.tensors[convOp.inputs[1]!]!;
    const fw = readFloats(float.tensors[convOp.inputs[1]!]!);
    const per = fw.length / w.shape[0]!;
    expect(w.dtype).toBe('int8');
    expect(w.quant!.axis).toBe(0);
    expect(w.quant!.scale).toHaveLength(w.shape[0]!);
    const q = new Int8Array(w.data!.buffer, w.data!.byteOffset, w.data!.byteLength);
    for (let c = 0; c < w.shape[0]!; c++) {
      const maxAbs = Math.max(...Array.from(fw.subarray(c * per, (c + 1) * per), Math.abs));
      expect(w.quant!.scale[c]).toBeCloseTo(maxAbs / 127, 7);
      expect(Math.max(...Array.from(q.subarray(c * per, (c + 1) * per), Math.abs))).toBe(127);
    }
  });
  it('quantizes DEPTHWISE_CONV_2D per channel on axis 3 and FULLY_CONNECTED per tensor', () => {
    const dw = graph.tensors[graph.ops.find((op) => op.type === 'DEPTHWISE_CONV_2D')!.inputs[1]!]!;
    expect(dw.quant!.axis).toBe(3);
    expect(dw.quant!.scale).toHaveLength(dw.shape[3]!);
    expect(graph.tensors[graph.ops.find((op) => op.type === 'FULLY_CONNECTED')!.inputs[1]!]!.quant!.scale).toHaveLength(1);
  });
  it('stores bias as int32 with scale input_scale × weight_scale', () => {
    const b = graph.tensors[convOp.inputs[2]!]!;
    const inS = graph.tensors[convOp.inputs[0]!]!.quant!.scale[0]!;
    const wS = graph.tensors[convOp.inputs[1]!]!.quant!.scale;
    expect(b.dtype).toBe('int32');
    b.quant!.scale.forEach((s, c) => expect(s).toBeCloseTo(inS * wS[c]!, 12));
  });
  it('fixes SOFTMAX output params and shares params through MAX_POOL_2D and RESHAPE', () => {
    const sm = graph.ops.find((op) => op.type === 'SOFTMAX')!;
    expect(graph.tensors[sm.outputs[0]!]!.quant).toMatchObject({ scale: [1 / 256], zeroPoint: [-128] });
    for (const type of ['MAX_POOL_2D', 'RESHAPE']) {
      const op = graph.ops.find((o) => o.type === type)!;
      expect(graph.tensors[op.outputs[0]!]!.quant).toEqual(graph.tensors[op.inputs[0]!]!.quant);
    }
  });
  it('writes a .tflite that reads back and runs to the same bytes in core/runtime', () => {
    const back = readTflite(writeTflite(graph));
    const x = Int8Array.from({ length: 64 }, (_, i) => (i * 37) % 256 - 128);
    expect(Array.from(createInterpreter(back).run([x])[0]!)).toEqual(Array.from(createInterpreter(graph).run([x])[0]!));
  });
  it('puts QUANTIZE/DEQUANTIZE at the I/O for float I/O and can quantize dense layers per channel', async () => {
    const fio = (await quantizeInt8(float, calib, { calibrator: 'minmax', io: 'float', perChannelFullyConnected: true })).graph;
    expect(fio.ops[0]!.type).toBe('QUANTIZE');
    expect(fio.ops[fio.ops.length - 1]!.type).toBe('DEQUANTIZE');
    const fc = fio.ops.find((op) => op.type === 'FULLY_CONNECTED')!;
    expect(fio.tensors[fc.inputs[1]!]!.quant!.scale).toHaveLength(4);
    const x = Float32Array.from({ length: 64 }, (_, i) => (i % 5) / 5);
    const probs = createInterpreter(fio).run([x])[0] as Float32Array;
    expect(probs).toBeInstanceOf(Float32Array);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 1);
  });
  it('refuses a model that is already int8', async () => {
    const err = await quantizeInt8(graph, calib).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TinyDeployError);
    expect((err as TinyDeployError).code).toBe(ErrorCode.InvalidArgument);
  });
});

describe('against the TFLite converter', () => {
  it.each(['digits_mlp', 'cancer_mlp', 'sine'] as const)('%s: min/max calibration gives the converter\'s activation params', async (name) => {
    const { f, train } = fixtureSplits(name);
    const float = readTflite(readFileSync(fixturePath(f.files.floatTflite)));
    const theirs = readTflite(readFileSync(fixturePath(f.files.int8Tflite)));
    const ours = (await quantizeInt8(float, rowsOf(train, 0, Math.min(f.calibration.first, train.rows)), { calibrator: 'minmax' })).graph;
    const paramsOf = (g: Graph): [number, number][] => [g.inputs[0]!, ...g.ops.map((op) => op.outputs[0]!)]
      .map((t) => [g.tensors[t]!.quant!.scale[0]!, g.tensors[t]!.quant!.zeroPoint[0]!]);
    const a = paramsOf(ours);
    const b = paramsOf(theirs);
    expect(a).toHaveLength(b.length);
    a.forEach(([s, zp], i) => {
      expect(zp).toBe(b[i]![1]);
      expect(Math.abs(s - b[i]![0]) / b[i]![0]).toBeLessThan(1e-6);
    });
  });
});

describe('the digits MLP fixture', () => {
  it('keeps int8 accuracy (core/runtime) within one point of float and is no larger than the converter', async () => {
    const { f, train, test } = fixtureSplits('digits_mlp');
    const float = readTflite(readFileSync(fixturePath(f.files.floatTflite)));
    const q = await quantizeInt8(float, rowsOf(train, 0, 500));
    const floatAcc = (await evaluate(float, test)).metric;
    const int8Acc = (await evaluate(q.graph, test)).metric;
    expect(int8Acc).toBeGreaterThanOrEqual(floatAcc - 0.01);
    expect(writeTflite(q.graph).byteLength).toBeLessThanOrEqual(f.converterInt8Bytes);
  });
});
