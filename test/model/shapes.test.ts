// Shape inference: TFLite's padding and per-op rules, worked by hand, and a mismatch that names the op.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import { readTflite } from '../../core/formats/index.js';
import {
  inferShapes, ShapeMismatchError, type Graph, type Op, type Tensor,
} from '../../core/model/index.js';
import { MODEL_FILES, modelBytes } from '../formats/models.js';
import { allOpsGraph } from './fixture-graphs.js';

const act = (shape: number[]): Tensor => ({ name: `t[${shape.join('x')}]`, shape, dtype: 'float32' });
const ints = (values: number[], shape = [values.length]): Tensor => ({
  name: 'const', shape, dtype: 'int32', data: new Uint8Array(new Int32Array(values).buffer),
});
const NONE = 'NONE' as const;

/** A graph of one op over the given tensors; the op's output is the last tensor. */
function one(op: Omit<Op, 'outputs' | 'version'>, tensors: Tensor[]): Graph {
  const out = tensors.length - 1;
  return { name: 't', tensors, inputs: [0], outputs: [out], ops: [{ ...op, outputs: [out], version: 1 } as Op] };
}

function mismatch(g: Graph): ShapeMismatchError {
  try { inferShapes(g); } catch (e) { expect(e).toBeInstanceOf(ShapeMismatchError); return e as ShapeMismatchError; }
  throw new Error('expected a shape mismatch');
}

describe('inferShapes', () => {
  it.each(MODEL_FILES)('%s: every op agrees with the shapes in the file', (file) => {
    const g = readTflite(modelBytes(file));
    expect(inferShapes(g)).toEqual(g.tensors.map((t) => t.shape));
  });

  it('agrees with the hand-worked shapes of the every-op graph', () => {
    const g = allOpsGraph();
    const shapes = inferShapes(g);
    expect(shapes[6]).toEqual([1, 4, 4, 8]);
    expect(shapes[12]).toEqual([1, 1, 1, 8]);
    expect(shapes[17]).toEqual([1, 64]);
  });

  it('reports the op index, type and tensor when a CONV_2D output disagrees', () => {
    const g = allOpsGraph();
    g.tensors[3].shape = [1, 8, 8, 5];
    const e = mismatch(g);
    expect(e.code).toBe(ErrorCode.ModelShapeMismatch);
    expect(e.opIndex).toBe(0);
    expect(e.message).toMatch(/Op 0 \(CONV_2D\).*"conv\/out".*\[1, 8, 8, 5\].*\[1, 8, 8, 4\]/);
  });

  it('FULLY_CONNECTED flattens to [rows, units], or keeps dims with keep_num_dims', () => {
    const fc = (keepNumDims: boolean, out: number[]) => one({
      type: 'FULLY_CONNECTED', inputs: [0, 1, -1],
      options: { activation: NONE, keepNumDims, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false },
    }, [act([2, 3, 8]), act([5, 8]), act(out)]);
    expect(inferShapes(fc(false, [6, 5]))[2]).toEqual([6, 5]);
    expect(inferShapes(fc(true, [2, 3, 5]))[2]).toEqual([2, 3, 5]);
    expect(mismatch(fc(true, [6, 5])).message).toMatch(/\[2, 3, 5\]/);
  });

  it('RESHAPE resolves -1 from the shape input and refuses element-count changes', () => {
    const r = (shape: number[], out: number[]) => one({ type: 'RESHAPE', inputs: [0, 1], options: {} },
      [act([1, 4, 4, 2]), ints(shape), act(out)]);
    expect(inferShapes(r([-1, 8], [4, 8]))[2]).toEqual([4, 8]);
    expect(mismatch(r([3, -1], [3, 8])).message).toMatch(/cannot reshape/);
    const fromOptions = one({ type: 'RESHAPE', inputs: [0], options: { newShape: [2, -1] } }, [act([1, 4, 4, 2]), act([2, 16])]);
    expect(inferShapes(fromOptions)[1]).toEqual([2, 16]);
  });

  it('MEAN drops or keeps the constant axes (negative axes count from the end)', () => {
    const m = (keepDims: boolean, axes: number[], out: number[]) => one({ type: 'MEAN', inputs: [0, 1], options: { keepDims } },
      [act([1, 4, 4, 64]), ints(axes), act(out)]);
    expect(inferShapes(m(false, [1, 2], [1, 64]))[2]).toEqual([1, 64]);
    expect(inferShapes(m(true, [-3, -2], [1, 1, 1, 64]))[2]).toEqual([1, 1, 1, 64]);
    expect(mismatch(m(false, [4], [1])).message).toMatch(/axis 4 is out of range/);
  });

  it('PAD adds the constant paddings; CONCATENATION sums the (negative) axis', () => {
    const pad = one({ type: 'PAD', inputs: [0, 1], options: {} }, [act([1, 3, 3, 2]), ints([0, 0, 1, 2, 0, 1, 0, 0], [4, 2]), act([1, 6, 4, 2])]);
    expect(inferShapes(pad)[2]).toEqual([1, 6, 4, 2]);
    const cat = (b: number[]) => ({
      name: 'c', tensors: [act([1, 2, 3]), act(b), act([1, 2, 3 + b[2]])], inputs: [0, 1], outputs: [2],
      ops: [{ type: 'CONCATENATION', inputs: [0, 1], outputs: [2], version: 1, options: { axis: -1, activation: NONE } }],
    }) as Graph;
    expect(inferShapes(cat([1, 2, 5]))[2]).toEqual([1, 2, 8]);
    expect(mismatch(cat([1, 3, 5])).message).toMatch(/does not match input 0/);
  });

  it('ADD broadcasts like numpy and refuses incompatible shapes', () => {
    const add = (b: number[], out: number[]) => ({
      name: 'a', tensors: [act([1, 4, 4, 8]), act(b), act(out)], inputs: [0, 1], outputs: [2],
      ops: [{ type: 'ADD', inputs: [0, 1], outputs: [2], version: 1, options: { activation: NONE } }],
    }) as Graph;
    expect(inferShapes(add([8], [1, 4, 4, 8]))[2]).toEqual([1, 4, 4, 8]);
    expect(mismatch(add([3], [1, 4, 4, 8])).message).toMatch(/do not broadcast/);
  });

  it('DEPTHWISE_CONV_2D and pools: channel multiples and windows larger than the input', () => {
    const dw = one({
      type: 'DEPTHWISE_CONV_2D', inputs: [0, 1, -1],
      options: { padding: 'VALID', strideW: 1, strideH: 1, dilationW: 1, dilationH: 1, activation: NONE, depthMultiplier: 3 },
    }, [act([1, 5, 5, 2]), act([1, 3, 3, 6]), act([1, 3, 3, 6])]);
    expect(inferShapes(dw)[2]).toEqual([1, 3, 3, 6]);
    const pool = one({
      type: 'MAX_POOL_2D', inputs: [0],
      options: { padding: 'VALID', strideW: 1, strideH: 1, filterW: 4, filterH: 4, activation: NONE },
    }, [act([1, 3, 3, 2]), act([1, 1, 1, 2])]);
    expect(mismatch(pool).message).toMatch(/4x4 window \(VALID\) does not fit the 3x3 input/);
  });
});
