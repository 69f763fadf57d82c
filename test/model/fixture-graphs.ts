// Small hand-built graphs: one that uses every op type of the IR, with shapes worked out by hand below.
import type { Graph, Quantization, Tensor } from '../../core/model/index.js';

// Scales are float32 in the file, so the fixture holds float32 values (as every reader output does).
const f32 = (xs: number[]): number[] => xs.map((x) => Math.fround(x));
const q = (scale = 0.05, zp = 0): Quantization => ({ scale: f32([scale]), zeroPoint: [zp], axis: 0 });

/** Small int8 weights in [-8, 8], so that (with the scales below) outputs spread instead of saturating. */
function weights(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (((i * 37 + seed * 11) % 17) - 8) & 0xff);
}

function int32s(values: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(values).buffer);
}

function act(name: string, shape: number[], scale: number, zp: number, extra: Partial<Tensor> = {}): Tensor {
  return { name, shape, dtype: 'int8', quant: q(scale, zp), ...extra };
}

function int32Const(name: string, values: number[], shape = [values.length]): Tensor {
  return { name, shape, dtype: 'int32', data: int32s(values) };
}

/**
 * Every OpType once. Shapes by hand: CONV 8x8x3 →(3x3, SAME, s1) 8x8x4; DW (mult 2, s2, SAME) → 4x4x8;
 * MAX_POOL 2x2 s2 VALID → 2x2x8; AVG_POOL 3x3 s1 SAME → 4x4x8; PAD +1 on H and W → 6x6x8; MEAN over H,W
 * keep → 1x1x8; ADD broadcast → 2x2x8; MUL → 2x2x8; CONCAT (MUL twice) axis 3 → 2x2x16; RESHAPE [1,-1] → [1,64];
 * FC 64→10; SOFTMAX, LOGISTIC, TANH, RELU, RELU6 keep [1,10]; DEQUANTIZE → float32; QUANTIZE → int8.
 */
export function allOpsGraph(): Graph {
  // Scales follow the value ranges (ReLU6 → [0, 6], ADD → [0, 12], MUL → [0, 144]) so every op's output varies.
  const r6 = 6 / 255;
  const tensors: Tensor[] = [
    act('input', [1, 8, 8, 3], 0.1, -3, { quant: { ...q(0.1, -3), min: [-12.5], max: [13] }, shapeSignature: [-1, 8, 8, 3] }), // 0
    { name: 'conv/w', shape: [4, 3, 3, 3], dtype: 'int8', data: weights(108, 1), quant: { scale: f32([0.1, 0.2, 0.3, 0.4]), zeroPoint: [0, 0, 0, 0], axis: 0 } }, // 1
    { name: 'conv/b', shape: [4], dtype: 'int32', data: int32s([100, -200, 300, -400]), quant: { scale: f32([0.01, 0.02, 0.03, 0.04]), zeroPoint: [0, 0, 0, 0], axis: 0 } }, // 2
    act('conv/out', [1, 8, 8, 4], 0.5, -128), // 3
    { name: 'dw/w', shape: [1, 3, 3, 8], dtype: 'int8', data: weights(72, 3), quant: { scale: f32([1, 2, 3, 4, 5, 6, 7, 8].map((s) => s / 640)), zeroPoint: [0, 0, 0, 0, 0, 0, 0, 0], axis: 3 } }, // 4
    { name: 'dw/b', shape: [8], dtype: 'int32', data: int32s([5, -5, 10, -10, 20, -20, 40, -40]) }, // 5
    act('dw/out', [1, 4, 4, 8], r6, -128), // 6
    act('maxpool/out', [1, 2, 2, 8], r6, -128), // 7
    act('avgpool/out', [1, 4, 4, 8], r6, -128), // 8
    int32Const('pad/paddings', [0, 0, 1, 1, 1, 1, 0, 0], [4, 2]), // 9
    act('pad/out', [1, 6, 6, 8], r6, -128), // 10
    int32Const('mean/axes', [1, 2]), // 11
    act('mean/out', [1, 1, 1, 8], r6, -128), // 12
    act('add/out', [1, 2, 2, 8], 12 / 255, -128), // 13
    act('mul/out', [1, 2, 2, 8], 144 / 255, -128), // 14
    act('concat/out', [1, 2, 2, 16], 144 / 255, -128), // 15
    int32Const('reshape/shape', [1, -1]), // 16
    act('reshape/out', [1, 64], 144 / 255, -128), // 17
    { name: 'fc/w', shape: [10, 64], dtype: 'int8', data: weights(640, 5), quant: q(0.002) }, // 18
    act('fc/out', [1, 10], 0.05, 0), // 19
    act('softmax/out', [1, 10], 1 / 256, -128), // 20
    act('logistic/out', [1, 10], 1 / 256, -128), // 21
    act('tanh/out', [1, 10], 1 / 128, 0), // 22
    act('relu/out', [1, 10], 1 / 128, 0), // 23
    act('relu6/out', [1, 10], 1 / 128, 0), // 24
    { name: 'dequantize/out', shape: [1, 10], dtype: 'float32' }, // 25
    act('output', [1, 10], 0.005, 0), // 26
    { name: 'state', shape: [1, 4], dtype: 'int8', isVariable: true, data: weights(4, 6) }, // 27
  ];
  const a = 'NONE' as const;
  return {
    name: 'all_ops',
    tensors,
    inputs: [0],
    outputs: [26],
    description: 'every op type once',
    metadata: [{ name: 'min_runtime_version', data: new TextEncoder().encode('1.14.0\0\0\0\0\0\0\0\0\0\0') }],
    ops: [
      { type: 'CONV_2D', inputs: [0, 1, 2], outputs: [3], version: 3, options: { padding: 'SAME', strideW: 1, strideH: 1, dilationW: 1, dilationH: 1, activation: 'RELU' } },
      { type: 'DEPTHWISE_CONV_2D', inputs: [3, 4, 5], outputs: [6], version: 3, options: { padding: 'SAME', strideW: 2, strideH: 2, dilationW: 1, dilationH: 1, activation: 'RELU6', depthMultiplier: 2 } },
      { type: 'MAX_POOL_2D', inputs: [6], outputs: [7], version: 2, options: { padding: 'VALID', strideW: 2, strideH: 2, filterW: 2, filterH: 2, activation: a } },
      { type: 'AVERAGE_POOL_2D', inputs: [6], outputs: [8], version: 2, options: { padding: 'SAME', strideW: 1, strideH: 1, filterW: 3, filterH: 3, activation: a } },
      { type: 'PAD', inputs: [8, 9], outputs: [10], version: 2, options: {} },
      { type: 'MEAN', inputs: [10, 11], outputs: [12], version: 2, options: { keepDims: true } },
      { type: 'ADD', inputs: [7, 12], outputs: [13], version: 2, options: { activation: 'RELU' } },
      { type: 'MUL', inputs: [13, 13], outputs: [14], version: 2, options: { activation: a } },
      { type: 'CONCATENATION', inputs: [14, 14], outputs: [15], version: 2, options: { axis: 3, activation: a } },
      { type: 'RESHAPE', inputs: [15, 16], outputs: [17], version: 1, options: { newShape: [1, 64] } },
      { type: 'FULLY_CONNECTED', inputs: [17, 18, -1], outputs: [19], version: 4, options: { activation: a, keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } },
      { type: 'SOFTMAX', inputs: [19], outputs: [20], version: 2, options: { beta: 1 } },
      { type: 'LOGISTIC', inputs: [20], outputs: [21], version: 2, options: {} },
      { type: 'TANH', inputs: [21], outputs: [22], version: 2, options: {} },
      { type: 'RELU', inputs: [22], outputs: [23], version: 2, options: {} },
      { type: 'RELU6', inputs: [23], outputs: [24], version: 2, options: {} },
      { type: 'DEQUANTIZE', inputs: [24], outputs: [25], version: 2, options: {} },
      { type: 'QUANTIZE', inputs: [25], outputs: [26], version: 1, options: {} },
    ],
  };
}
