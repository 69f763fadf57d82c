// Single-op graphs covering every kernel variant (int8 and float32), shared by the TFLM op-level tier.
import type { Graph } from '../../core/model/index.js';
import { conv, fc, GraphBuilder, pool, q, rng } from './graph-builder.js';

export interface OpCase { name: string; graph: Graph }

const r = rng(2024);

function one(name: string, make: (b: GraphBuilder) => void): OpCase {
  const b = new GraphBuilder();
  make(b);
  return { name, graph: b.build(name) };
}

export function int8Cases(): OpCase[] {
  return [
    one('FULLY_CONNECTED per-tensor', (b) => {
      const x = b.input([2, 10], 'int8', q(0.05, 2));
      const w = b.constant([3, 10], 'int8', r.int8(30), q(0.02));
      const bias = b.constant([3], 'int32', [100, -200, 300], q(Math.fround(0.05) * Math.fround(0.02)));
      const y = b.tensor([2, 3], 'int8', q(0.03, -1));
      b.op('FULLY_CONNECTED', [x, w, bias], [y], fc('RELU')).output(y);
    }),
    one('FULLY_CONNECTED per-channel', (b) => {
      const x = b.input([2, 10], 'int8', q(0.05, 2));
      const w = b.constant([3, 10], 'int8', r.int8(30), q([0.01, 0.02, 0.03]));
      const bias = b.constant([3], 'int32', [10, -20, 30], q([0.0005, 0.001, 0.0015]));
      const y = b.tensor([2, 3], 'int8', q(0.02, 1));
      b.op('FULLY_CONNECTED', [x, w, bias], [y], fc()).output(y);
    }),
    one('CONV_2D SAME stride 2x3 RELU6', (b) => {
      const x = b.input([1, 7, 6, 4], 'int8', q(0.05, 2));
      const w = b.constant([6, 3, 3, 4], 'int8', r.int8(216), q([0.01, 0.02, 0.03, 0.015, 0.007, 0.02]));
      const bias = b.constant([6], 'int32', Array.from({ length: 6 }, () => r.int(-500, 500)), q([0.0005, 0.001, 0.0015, 0.00075, 0.00035, 0.001]));
      const y = b.tensor([1, 4, 2, 6], 'int8', q(0.07, -5));
      b.op('CONV_2D', [x, w, bias], [y], { ...conv('SAME', 2, 'RELU6'), strideW: 3 }).output(y);
    }),
    one('CONV_2D VALID dilated, no bias', (b) => {
      const x = b.input([1, 9, 9, 2], 'int8', q(0.05, 2));
      const w = b.constant([3, 3, 3, 2], 'int8', r.int8(54), q([0.01, 0.02, 0.03]));
      const y = b.tensor([1, 5, 5, 3], 'int8', q(0.07, -5));
      b.op('CONV_2D', [x, w, -1], [y], conv('VALID', 1, 'NONE', 2)).output(y);
    }),
    one('DEPTHWISE_CONV_2D multiplier 2', (b) => {
      const x = b.input([1, 6, 6, 2], 'int8', q(0.05, 2));
      const w = b.constant([1, 3, 3, 4], 'int8', r.int8(36), q([0.01, 0.02, 0.03, 0.04], 0, 3));
      const bias = b.constant([4], 'int32', [10, -20, 30, 40], q([0.0005, 0.001, 0.0015, 0.002]));
      const y = b.tensor([1, 3, 3, 4], 'int8', q(0.02, 1));
      b.op('DEPTHWISE_CONV_2D', [x, w, bias], [y], { ...conv('SAME', 2, 'RELU'), depthMultiplier: 2 }).output(y);
    }),
    one('AVERAGE_POOL_2D SAME', (b) => {
      const x = b.input([1, 7, 7, 3], 'int8', q(0.05, 2));
      const y = b.tensor([1, 4, 4, 3], 'int8', q(0.05, 2));
      b.op('AVERAGE_POOL_2D', [x], [y], pool('SAME', 3, 2)).output(y);
    }),
    one('MAX_POOL_2D SAME RELU', (b) => {
      const x = b.input([1, 7, 7, 3], 'int8', q(0.05, 2));
      const y = b.tensor([1, 4, 4, 3], 'int8', q(0.05, 2));
      b.op('MAX_POOL_2D', [x], [y], pool('SAME', 3, 2, 'RELU')).output(y);
    }),
    one('SOFTMAX beta 0.7', (b) => {
      const x = b.input([1, 2, 10], 'int8', q(0.3, 2));
      const y = b.tensor([1, 2, 10], 'int8', q(1 / 256, -128));
      b.op('SOFTMAX', [x], [y], { beta: 0.7 }).output(y);
    }),
    one('ADD broadcast RELU6', (b) => {
      const x = b.input([1, 4, 4, 3], 'int8', q(0.05, 2));
      const z = b.input([3], 'int8', q(0.13, -9));
      const y = b.tensor([1, 4, 4, 3], 'int8', q(0.1, 4));
      b.op('ADD', [x, z], [y], { activation: 'RELU6' }).output(y);
    }),
    one('MUL broadcast RELU', (b) => {
      const x = b.input([1, 4, 4, 3], 'int8', q(0.05, 2));
      const z = b.input([1, 1, 4, 3], 'int8', q(0.02, -9));
      const y = b.tensor([1, 4, 4, 3], 'int8', q(0.01, 4));
      b.op('MUL', [x, z], [y], { activation: 'RELU' }).output(y);
    }),
    one('MEAN over H, W', (b) => {
      const x = b.input([1, 5, 5, 3], 'int8', q(0.05, 2));
      const a = b.constant([2], 'int32', [1, 2]);
      const y = b.tensor([1, 1, 1, 3], 'int8', q(0.03, -4));
      b.op('MEAN', [x, a], [y], { keepDims: true }).output(y);
    }),
    one('MEAN over the last axis', (b) => {
      const x = b.input([2, 3, 7], 'int8', q(0.05, 2));
      const a = b.constant([1], 'int32', [-1]);
      const y = b.tensor([2, 3], 'int8', q(0.01, 9));
      b.op('MEAN', [x, a], [y], { keepDims: false }).output(y);
    }),
    one('PAD', (b) => {
      const x = b.input([1, 3, 3, 2], 'int8', q(0.05, 2));
      const p = b.constant([4, 2], 'int32', [0, 0, 1, 2, 2, 1, 0, 0]);
      const y = b.tensor([1, 6, 6, 2], 'int8', q(0.05, 2));
      b.op('PAD', [x, p], [y], {}).output(y);
    }),
    one('CONCATENATION', (b) => {
      const x = b.input([1, 2, 2, 3], 'int8', q(0.05, 2));
      const z = b.input([1, 2, 2, 2], 'int8', q(0.05, 2));
      const y = b.tensor([1, 2, 2, 5], 'int8', q(0.05, 2));
      b.op('CONCATENATION', [x, z], [y], { axis: 3, activation: 'NONE' }).output(y);
    }),
    one('RESHAPE', (b) => {
      const x = b.input([1, 2, 6], 'int8', q(0.05, 2));
      const s = b.constant([2], 'int32', [3, 4]);
      const y = b.tensor([3, 4], 'int8', q(0.05, 2));
      b.op('RESHAPE', [x, s], [y], { newShape: [3, 4] }).output(y);
    }),
    one('QUANTIZE float32→int8', (b) => {
      const x = b.input([1, 40], 'float32');
      const y = b.tensor([1, 40], 'int8', q(0.06, -3));
      b.op('QUANTIZE', [x], [y], {}).output(y);
    }),
    one('QUANTIZE int8→int8', (b) => {
      const x = b.input([1, 40], 'int8', q(0.05, 2));
      const y = b.tensor([1, 40], 'int8', q(0.11, -3));
      b.op('QUANTIZE', [x], [y], {}).output(y);
    }),
    one('DEQUANTIZE', (b) => {
      const x = b.input([1, 40], 'int8', q(0.05, 2));
      const y = b.tensor([1, 40], 'float32');
      b.op('DEQUANTIZE', [x], [y], {}).output(y);
    }),
    one('LOGISTIC', (b) => {
      const x = b.input([1, 64], 'int8', q(0.07, 5));
      const y = b.tensor([1, 64], 'int8', q(1 / 256, -128));
      b.op('LOGISTIC', [x], [y], {}).output(y);
    }),
    one('TANH', (b) => {
      const x = b.input([1, 64], 'int8', q(0.031, -7));
      const y = b.tensor([1, 64], 'int8', q(1 / 128, 0));
      b.op('TANH', [x], [y], {}).output(y);
    }),
    one('RELU requantizing', (b) => {
      const x = b.input([1, 40], 'int8', q(0.05, 2));
      const y = b.tensor([1, 40], 'int8', q(0.03, -11));
      b.op('RELU', [x], [y], {}).output(y);
    }),
    one('RELU6', (b) => {
      const x = b.input([1, 40], 'int8', q(0.05, 2));
      const y = b.tensor([1, 40], 'int8', q(0.05, 2));
      b.op('RELU6', [x], [y], {}).output(y);
    }),
  ];
}

export function floatCases(): OpCase[] {
  const f = (name: string, shape: number[], make: (b: GraphBuilder, x: number) => void): OpCase =>
    one(name, (b) => make(b, b.input(shape, 'float32')));
  return [
    f('f32 FULLY_CONNECTED', [2, 10], (b, x) => {
      const w = b.constant([3, 10], 'float32', r.float(30, -1, 1));
      const bias = b.constant([3], 'float32', [0.1, -0.2, 0.3]);
      const y = b.tensor([2, 3], 'float32');
      b.op('FULLY_CONNECTED', [x, w, bias], [y], fc('RELU')).output(y);
    }),
    f('f32 CONV_2D', [1, 7, 6, 4], (b, x) => {
      const w = b.constant([6, 3, 3, 4], 'float32', r.float(216, -1, 1));
      const bias = b.constant([6], 'float32', r.float(6, -1, 1));
      const y = b.tensor([1, 3, 3, 6], 'float32');
      b.op('CONV_2D', [x, w, bias], [y], { ...conv('SAME', 2, 'RELU6'), strideH: 3 }).output(y);
    }),
    f('f32 DEPTHWISE_CONV_2D', [1, 6, 6, 2], (b, x) => {
      const w = b.constant([1, 3, 3, 4], 'float32', r.float(36, -1, 1));
      const bias = b.constant([4], 'float32', [0.1, -0.2, 0.3, 0]);
      const y = b.tensor([1, 6, 6, 4], 'float32');
      b.op('DEPTHWISE_CONV_2D', [x, w, bias], [y], { ...conv('SAME'), depthMultiplier: 2 }).output(y);
    }),
    f('f32 AVERAGE_POOL_2D', [1, 7, 7, 3], (b, x) => {
      const y = b.tensor([1, 4, 4, 3], 'float32');
      b.op('AVERAGE_POOL_2D', [x], [y], pool('SAME', 3, 2)).output(y);
    }),
    f('f32 MAX_POOL_2D', [1, 7, 7, 3], (b, x) => {
      const y = b.tensor([1, 3, 3, 3], 'float32');
      b.op('MAX_POOL_2D', [x], [y], pool('VALID', 3, 2)).output(y);
    }),
    f('f32 SOFTMAX', [1, 2, 10], (b, x) => {
      const y = b.tensor([1, 2, 10], 'float32');
      b.op('SOFTMAX', [x], [y], { beta: 0.7 }).output(y);
    }),
    f('f32 ADD', [1, 4, 4, 3], (b, x) => {
      const z = b.constant([3], 'float32', [0.5, -1, 2]);
      const y = b.tensor([1, 4, 4, 3], 'float32');
      b.op('ADD', [x, z], [y], { activation: 'RELU_N1_TO_1' }).output(y);
    }),
    f('f32 MUL', [1, 4, 4, 3], (b, x) => {
      const z = b.constant([3], 'float32', [0.5, -1, 2]);
      const y = b.tensor([1, 4, 4, 3], 'float32');
      b.op('MUL', [x, z], [y], { activation: 'RELU' }).output(y);
    }),
    f('f32 MEAN', [1, 5, 5, 3], (b, x) => {
      const a = b.constant([2], 'int32', [1, 2]);
      const y = b.tensor([1, 1, 1, 3], 'float32');
      b.op('MEAN', [x, a], [y], { keepDims: true }).output(y);
    }),
    f('f32 PAD', [1, 3, 3, 2], (b, x) => {
      const p = b.constant([4, 2], 'int32', [0, 0, 1, 0, 0, 2, 0, 0]);
      const y = b.tensor([1, 4, 5, 2], 'float32');
      b.op('PAD', [x, p], [y], {}).output(y);
    }),
    f('f32 CONCATENATION', [2, 3], (b, x) => {
      const z = b.constant([2, 2], 'float32', [1, 2, 3, 4]);
      const y = b.tensor([2, 5], 'float32');
      b.op('CONCATENATION', [x, z], [y], { axis: -1, activation: 'NONE' }).output(y);
    }),
    f('f32 LOGISTIC', [1, 64], (b, x) => {
      const y = b.tensor([1, 64], 'float32');
      b.op('LOGISTIC', [x], [y], {}).output(y);
    }),
    f('f32 TANH', [1, 64], (b, x) => {
      const y = b.tensor([1, 64], 'float32');
      b.op('TANH', [x], [y], {}).output(y);
    }),
    f('f32 RELU', [1, 64], (b, x) => {
      const y = b.tensor([1, 64], 'float32');
      b.op('RELU', [x], [y], {}).output(y);
    }),
    f('f32 RELU6', [1, 64], (b, x) => {
      const y = b.tensor([1, 64], 'float32');
      b.op('RELU6', [x], [y], {}).output(y);
    }),
  ];
}
