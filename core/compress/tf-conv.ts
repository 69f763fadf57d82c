// Convolutions for tfjs: tf.conv2d when only running, and a slice+matMul form when training, because the wasm
// backend has no Conv2D/DepthwiseConv2D gradient kernels but has gradients for pad, slice, concat and matMul.
import * as tf from '@tensorflow/tfjs';
import type { Conv2DOptions, DepthwiseConv2DOptions, Padding } from '../model/index.js';

interface AxisPlan { out: number; before: number; after: number }

/** Output size and explicit padding of one spatial axis, as TFLite computes them (padding.h). */
export function planAxis(size: number, kernel: number, stride: number, dilation: number, padding: Padding): AxisPlan {
  const eff = (kernel - 1) * dilation + 1;
  const out = padding === 'SAME' ? Math.ceil(size / stride) : Math.floor((size - eff + stride) / stride);
  const total = padding === 'SAME' ? Math.max(0, (out - 1) * stride + eff - size) : 0;
  const before = Math.floor(total / 2);
  // Room for `out*stride` elements after the last tap so strided taps can be cut by reshape instead of a strided slice.
  const needed = (kernel - 1) * dilation + out * stride;
  const after = Math.max(total - before, needed - size - before);
  return { out, before, after };
}

/** The input window under each kernel tap: kh·kw tensors of [N, outH, outW, C]. */
function tapWindows(x: tf.Tensor4D, kh: number, kw: number, o: Conv2DOptions): tf.Tensor4D[] {
  const [n, h, w, c] = x.shape;
  const ph = planAxis(h, kh, o.strideH, o.dilationH, o.padding);
  const pw = planAxis(w, kw, o.strideW, o.dilationW, o.padding);
  const xp = tf.pad(x, [[0, 0], [ph.before, ph.after], [pw.before, pw.after], [0, 0]]);
  const taps: tf.Tensor4D[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      let t: tf.Tensor = tf.slice(xp, [0, i * o.dilationH, j * o.dilationW, 0], [n, ph.out * o.strideH, pw.out * o.strideW, c]);
      if (o.strideH > 1 || o.strideW > 1) {
        t = tf.reshape(t, [n, ph.out, o.strideH, pw.out, o.strideW * c]);
        t = tf.reshape(tf.slice(t, [0, 0, 0, 0, 0], [n, ph.out, 1, pw.out, c]), [n, ph.out, pw.out, c]);
      }
      taps.push(t as tf.Tensor4D);
    }
  }
  return taps;
}

function tfPadding(p: Padding): 'same' | 'valid' {
  return p === 'SAME' ? 'same' : 'valid';
}

/** CONV_2D with the IR's filter layout [O, KH, KW, I]. */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor, o: Conv2DOptions, training: boolean): tf.Tensor4D {
  const [outC, kh, kw, inC] = filter.shape as [number, number, number, number];
  if (!training) {
    const f = tf.transpose(filter, [1, 2, 3, 0]) as tf.Tensor4D;
    return tf.conv2d(x, f, [o.strideH, o.strideW], tfPadding(o.padding), 'NHWC', [o.dilationH, o.dilationW]);
  }
  if (kh === 1 && kw === 1 && o.strideH === 1 && o.strideW === 1) {
    const [n, h, w] = x.shape;
    const y = tf.matMul(tf.reshape(x, [n * h * w, inC]), tf.reshape(filter, [outC, inC]), false, true);
    return tf.reshape(y, [n, h, w, outC]);
  }
  const taps = tapWindows(x, kh, kw, o);
  const [n, oh, ow] = taps[0]!.shape;
  const patches = tf.reshape(taps.length === 1 ? taps[0]! : tf.concat(taps, 3), [n * oh * ow, kh * kw * inC]);
  const y = tf.matMul(patches, tf.reshape(filter, [outC, kh * kw * inC]), false, true);
  return tf.reshape(y, [n, oh, ow, outC]);
}

/** DEPTHWISE_CONV_2D with the IR's filter layout [1, KH, KW, C·M]. */
export function depthwiseConv2d(x: tf.Tensor4D, filter: tf.Tensor, o: DepthwiseConv2DOptions, training: boolean): tf.Tensor4D {
  const [, kh, kw, cm] = filter.shape as [number, number, number, number];
  const c = x.shape[3];
  const m = o.depthMultiplier > 0 ? o.depthMultiplier : cm / c;
  if (!training) {
    const f = tf.reshape(filter, [kh, kw, c, m]) as tf.Tensor4D;
    return tf.depthwiseConv2d(x, f, [o.strideH, o.strideW], tfPadding(o.padding), 'NHWC', [o.dilationH, o.dilationW]);
  }
  let xr = x;
  if (m > 1) {
    const [n, h, w] = x.shape;
    xr = tf.reshape(tf.tile(tf.expandDims(x, 4), [1, 1, 1, 1, m]), [n, h, w, c * m]);
  }
  const taps = tapWindows(xr, kh, kw, o);
  const wt = tf.reshape(filter, [kh * kw, cm]);
  const terms = taps.map((t, i) => tf.mul(t, tf.reshape(tf.slice(wt, [i, 0], [1, cm]), [cm])) as tf.Tensor4D);
  return terms.length === 1 ? terms[0]! : tf.addN(terms);
}
