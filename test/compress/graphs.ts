// Small float IR graphs built in code (seeded Glorot weights), so tests need no fixture to exercise compress.
import type { Activation, Graph, Op, Tensor } from '../../core/model/index.js';
import { floatConstant } from '../../core/compress/tensor-values.js';
import { glorotUniform, seededRng } from '../../core/compress/rng.js';

/** Dense layers with ReLU between them and SOFTMAX at the end: sizes = [in, hidden…, classes]. */
export function mlpGraph(sizes: number[], seed = 7, softmax = true): Graph {
  const rng = seededRng(seed);
  const tensors: Tensor[] = [{ name: 'x', shape: [1, sizes[0]!], dtype: 'float32' }];
  const ops: Op[] = [];
  let cur = 0;
  for (let l = 1; l < sizes.length; l++) {
    const [i, o] = [sizes[l - 1]!, sizes[l]!];
    const w = tensors.push(floatConstant(`w${l}`, [o, i], glorotUniform(o * i, i, o, rng))) - 1;
    const b = tensors.push(floatConstant(`b${l}`, [o], new Float32Array(o))) - 1;
    const y = tensors.push({ name: `fc${l}`, shape: [1, o], dtype: 'float32' }) - 1;
    const activation: Activation = l < sizes.length - 1 ? 'RELU' : 'NONE';
    ops.push({ type: 'FULLY_CONNECTED', inputs: [cur, w, b], outputs: [y], version: 1,
      options: { activation, keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } });
    cur = y;
  }
  if (softmax) {
    const p = tensors.push({ name: 'probs', shape: [1, sizes[sizes.length - 1]!], dtype: 'float32' }) - 1;
    ops.push({ type: 'SOFTMAX', inputs: [cur], outputs: [p], options: { beta: 1 }, version: 1 });
    cur = p;
  }
  return { name: 'mlp', tensors, ops, inputs: [0], outputs: [cur] };
}

/** conv(8)+relu → maxpool → depthwise+relu → conv(16)+relu → flatten → dense(classes) → softmax on HxWx1 images. */
export function cnnGraph(h: number, w: number, classes: number, seed = 11): Graph {
  const rng = seededRng(seed);
  const t: Tensor[] = [{ name: 'img', shape: [1, h, w, 1], dtype: 'float32' }];
  const ops: Op[] = [];
  const add = (x: Tensor): number => t.push(x) - 1;
  const conv = { padding: 'SAME' as const, strideW: 1, strideH: 1, dilationW: 1, dilationH: 1, activation: 'RELU' as const };
  const w1 = add(floatConstant('c1w', [8, 3, 3, 1], glorotUniform(72, 9, 72, rng)));
  const b1 = add(floatConstant('c1b', [8], new Float32Array(8)));
  const a1 = add({ name: 'c1', shape: [1, h, w, 8], dtype: 'float32' });
  ops.push({ type: 'CONV_2D', inputs: [0, w1, b1], outputs: [a1], options: conv, version: 1 });
  const [h2, w2] = [h / 2, w / 2];
  const p1 = add({ name: 'p1', shape: [1, h2, w2, 8], dtype: 'float32' });
  ops.push({ type: 'MAX_POOL_2D', inputs: [a1], outputs: [p1], version: 1,
    options: { padding: 'VALID', strideW: 2, strideH: 2, filterW: 2, filterH: 2, activation: 'NONE' } });
  const dw = add(floatConstant('dww', [1, 3, 3, 8], glorotUniform(72, 9, 9, rng)));
  const db = add(floatConstant('dwb', [8], new Float32Array(8)));
  const d1 = add({ name: 'dw', shape: [1, h2, w2, 8], dtype: 'float32' });
  ops.push({ type: 'DEPTHWISE_CONV_2D', inputs: [p1, dw, db], outputs: [d1], options: { ...conv, depthMultiplier: 1 }, version: 1 });
  const w3 = add(floatConstant('c2w', [16, 1, 1, 8], glorotUniform(128, 8, 16, rng)));
  const b3 = add(floatConstant('c2b', [16], new Float32Array(16)));
  const a3 = add({ name: 'c2', shape: [1, h2, w2, 16], dtype: 'float32' });
  ops.push({ type: 'CONV_2D', inputs: [d1, w3, b3], outputs: [a3], options: conv, version: 1 });
  const flat = h2 * w2 * 16;
  const shp = add({ name: 'shape', shape: [2], dtype: 'int32', data: new Uint8Array(Int32Array.from([-1, flat]).buffer) });
  const f = add({ name: 'flat', shape: [1, flat], dtype: 'float32' });
  ops.push({ type: 'RESHAPE', inputs: [a3, shp], outputs: [f], options: { newShape: [-1, flat] }, version: 1 });
  const w4 = add(floatConstant('fcw', [classes, flat], glorotUniform(classes * flat, flat, classes, rng)));
  const b4 = add(floatConstant('fcb', [classes], new Float32Array(classes)));
  const lo = add({ name: 'logits', shape: [1, classes], dtype: 'float32' });
  ops.push({ type: 'FULLY_CONNECTED', inputs: [f, w4, b4], outputs: [lo], version: 1,
    options: { activation: 'NONE', keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } });
  const pr = add({ name: 'probs', shape: [1, classes], dtype: 'float32' });
  ops.push({ type: 'SOFTMAX', inputs: [lo], outputs: [pr], options: { beta: 1 }, version: 1 });
  return { name: 'cnn', tensors: t, ops, inputs: [0], outputs: [pr] };
}
