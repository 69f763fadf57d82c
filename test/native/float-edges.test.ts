// A model with float I/O (QUANTIZE first, DEQUANTIZE last) compiles with int8 I/O: the C returns exactly the int8
// tensor core/runtime feeds its DEQUANTIZE; a float model without int8 ops is refused with a typed error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { generateNativeModel } from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import type { Graph, Tensor } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { mulberry32, randomInt8 } from '../support/random.js';
import { onPath, sharedModel, tierAvailable } from '../support/tools.js';
import { buildHostBinary } from '../support/host-build.js';

const f32 = Math.fround;
const inQ = { scale: [f32(0.05)], zeroPoint: [3], axis: 0 };

function floatEdgeGraph(): Graph {
  const w = new Uint8Array(32);
  for (let i = 0; i < 32; i++) w[i] = ((i * 37) % 255) - 127 & 0xff;
  const tensors: Tensor[] = [
    { name: 'x', shape: [1, 8], dtype: 'float32' },
    { name: 'xq', shape: [1, 8], dtype: 'int8', quant: inQ },
    { name: 'w', shape: [4, 8], dtype: 'int8', data: w, quant: { scale: [f32(0.01)], zeroPoint: [0], axis: 0 } },
    { name: 'yq', shape: [1, 4], dtype: 'int8', quant: { scale: [f32(0.07)], zeroPoint: [-5], axis: 0 } },
    { name: 'y', shape: [1, 4], dtype: 'float32' },
  ];
  return {
    name: 'float-edges', tensors, inputs: [0], outputs: [4],
    ops: [
      { type: 'QUANTIZE', inputs: [0], outputs: [1], options: {}, version: 1 },
      { type: 'FULLY_CONNECTED', inputs: [1, 2, -1], outputs: [3], version: 4, options: { activation: 'RELU', keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } },
      { type: 'DEQUANTIZE', inputs: [3], outputs: [4], options: {}, version: 2 },
    ],
  };
}

describe('float QUANTIZE/DEQUANTIZE edges', () => {
  it('are dropped and named in the header', () => {
    const m = generateNativeModel(floatEdgeGraph(), { prefix: 'fe' });
    expect(m.floatEdgesRemoved).toEqual(['QUANTIZE of input 0', 'DEQUANTIZE of output 0']);
    expect(m.header).toMatch(/#define FE_INPUT_ZERO_POINT \(3\)/);
    expect(m.header).toMatch(/#define FE_OUTPUT_ZERO_POINT \(-5\)/);
  });

  it.runIf(tierAvailable('native', [onPath('gcc')]))('the int8 C matches the int8 tensor core/runtime dequantizes', () => {
    const graph = floatEdgeGraph();
    const bin = buildHostBinary([{ prefix: 'fe', model: generateNativeModel(graph, { prefix: 'fe' }) }]);
    const interp = createInterpreter(graph);
    const rand = mulberry32(11);
    const inputs = randomInt8(rand, 8 * 100);
    const expected = new Int8Array(4 * 100);
    for (let r = 0; r < 100; r++) {
      // Floats that QUANTIZE maps back to exactly these int8 values.
      const x = Float32Array.from(inputs.subarray(r * 8, r * 8 + 8), (q) => f32((q - 3) * inQ.scale[0]!));
      expected.set(interp.runAll([x])[3] as Int8Array, r * 4);
    }
    const got = bin.run(0, new Uint8Array(inputs.buffer));
    expect(Array.from(new Int8Array(got.buffer, got.byteOffset, got.length))).toEqual(Array.from(expected));
  });

  it('a float model (hello_world_float) is refused with CodegenUnsupported and advice', () => {
    const g = readTflite(readFileSync(sharedModel('hello_world_float.tflite')));
    try {
      generateNativeModel(g, { prefix: 'hf' });
      expect.fail('accepted a float model');
    } catch (e) {
      expect(e).toBeInstanceOf(TinyDeployError);
      expect((e as TinyDeployError).code).toBe(ErrorCode.CodegenUnsupported);
      expect((e as TinyDeployError).advice).toMatch(/int8/i);
    }
  });
});
