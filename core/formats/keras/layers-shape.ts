// Layers that move or reduce values without weights: pooling, global pooling, Flatten, Reshape, ZeroPadding2D.
import { malformedModel } from './errors.js';
import type { GraphBuilder } from './graph-builder.js';
import { bool, checkChannelsLast, onlyInput, outSize, padding, tuple, type LayerContext, type LayerConverter } from './layer-context.js';
import { cfg } from './topology.js';

/**
 * A RESHAPE op (or nothing when the shape already matches). When `x` itself comes from a RESHAPE that nothing else
 * reads, that op is retargeted instead, so Reshape → Conv1D makes one RESHAPE, as the TFLite converter does.
 */
function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function reshape(b: GraphBuilder, x: number, shape: number[], name: string, soleReader = false): number {
  if (sameShape(b.shape(x), shape)) return x;
  const producer = soleReader ? b.ops.find((op) => op.type === 'RESHAPE' && op.outputs[0] === x) : undefined;
  const source = producer?.inputs[0];
  if (source !== undefined && sameShape(b.shape(source), shape)) return source; // the reshape undoes the one before
  if (producer?.type === 'RESHAPE' && producer.inputs[1] !== undefined) {
    const data = Int32Array.from(shape);
    b.tensors[producer.inputs[1]] = { ...b.tensors[producer.inputs[1]]!, name: `${name}/shape`, shape: [shape.length], data: new Uint8Array(data.buffer) };
    producer.options.newShape = [...shape];
    b.tensors[x] = { ...b.tensors[x]!, name, shape: [...shape] };
    b.fusable.delete(x);
    return x;
  }
  const out = b.activation(name, shape);
  b.op('RESHAPE', [x, b.constInt32(`${name}/shape`, shape)], [out], { newShape: [...shape] });
  return out;
}

function pooling(kind: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D', rank: 1 | 2): LayerConverter {
  return {
    check: checkChannelsLast,
    convert(ctx) {
      const { b, layer } = ctx;
      const c = layer.config;
      let x = onlyInput(ctx);
      const s = b.shape(x);
      const [h, w, ch] = rank === 2 ? [s[1] ?? 0, s[2] ?? 0, s[3] ?? 0] : [1, s[1] ?? 0, s[2] ?? 0];
      const k = tuple(c, 'pool_size', rank, new Array<number>(rank).fill(2));
      const st = cfg(c, 'strides') === null ? k : tuple(c, 'strides', rank, k);
      const [fh, fw, sh, sw] = rank === 2 ? [k[0]!, k[1]!, st[0]!, st[1]!] : [1, k[0]!, 1, st[0]!];
      const pad = padding(c);
      if (rank === 1) x = reshape(b, x, [1, 1, w, ch], `${layer.name}/as2d`, ctx.soleConsumer);
      const oh = outSize(h, fh, sh, 1, pad);
      const ow = outSize(w, fw, sw, 1, pad);
      const out = b.activation(rank === 2 ? layer.name : `${layer.name}/pool2d`, [1, oh, ow, ch]);
      b.op(kind, [x], [out], { padding: pad, strideW: sw, strideH: sh, filterW: fw, filterH: fh, activation: 'NONE' });
      return rank === 2 ? out : reshape(b, out, [1, ow, ch], layer.name);
    },
  };
}

function globalAverage(rank: 1 | 2): LayerConverter {
  return {
    check: checkChannelsLast,
    convert(ctx) {
      const { b, layer } = ctx;
      const x = onlyInput(ctx);
      const s = b.shape(x);
      const keepDims = bool(layer.config, 'keepdims', false);
      const axes = rank === 2 ? [1, 2] : [1];
      const shape = keepDims ? s.map((d, i) => (axes.includes(i) ? 1 : d)) : s.filter((_, i) => !axes.includes(i));
      const out = b.activation(layer.name, shape);
      b.op('MEAN', [x, b.constInt32(`${layer.name}/axes`, axes)], [out], { keepDims });
      return out;
    },
  };
}

/** GlobalMaxPooling2D as a MAX_POOL_2D over the whole image, then a RESHAPE to [1, C] unless keepdims. */
const globalMax2D: LayerConverter = {
  check: checkChannelsLast,
  convert(ctx) {
    const { b, layer } = ctx;
    const x = onlyInput(ctx);
    const [, h = 0, w = 0, ch = 0] = b.shape(x);
    const pooled = b.activation(`${layer.name}/pool`, [1, 1, 1, ch]);
    b.op('MAX_POOL_2D', [x], [pooled], { padding: 'VALID', strideW: 1, strideH: 1, filterW: w, filterH: h, activation: 'NONE' });
    return bool(layer.config, 'keepdims', false) ? pooled : reshape(b, pooled, [1, ch], layer.name);
  },
};

const flatten: LayerConverter = {
  check: checkChannelsLast,
  convert(ctx) {
    const x = onlyInput(ctx);
    const n = ctx.b.shape(x).slice(1).reduce((a, v) => a * v, 1);
    return reshape(ctx.b, x, [1, n], ctx.layer.name, ctx.soleConsumer);
  },
};

const reshapeLayer: LayerConverter = {
  convert(ctx) {
    const x = onlyInput(ctx);
    const target = cfg(ctx.layer.config, 'target_shape');
    if (!Array.isArray(target) || !target.every((d) => typeof d === 'number')) {
      throw malformedModel(ctx.source, `Reshape layer '${ctx.layer.name}' has no target_shape`);
    }
    const size = ctx.b.shape(x).slice(1).reduce((a, v) => a * v, 1);
    const known = (target as number[]).filter((d) => d !== -1).reduce((a, v) => a * v, 1);
    const shape = [1, ...(target as number[]).map((d) => (d === -1 ? size / known : d))];
    if (shape.slice(1).reduce((a, v) => a * v, 1) !== size || shape.some((d) => !Number.isInteger(d))) {
      throw malformedModel(ctx.source, `Reshape layer '${ctx.layer.name}' cannot turn ${size} values into [${target.join(', ')}]`);
    }
    return reshape(ctx.b, x, shape, ctx.layer.name, ctx.soleConsumer);
  },
};

/** ZeroPadding2D's padding: an int, [h, w], or [[top, bottom], [left, right]]. */
function padAmounts(ctx: LayerContext): [number, number, number, number] {
  const p = cfg(ctx.layer.config, 'padding');
  if (typeof p === 'number') return [p, p, p, p];
  if (Array.isArray(p) && p.length === 2) {
    const [a, b2] = p as unknown[];
    if (typeof a === 'number' && typeof b2 === 'number') return [a, a, b2, b2];
    if (Array.isArray(a) && Array.isArray(b2)) return [Number(a[0]), Number(a[1]), Number(b2[0]), Number(b2[1])];
  }
  throw malformedModel(ctx.source, `ZeroPadding2D layer '${ctx.layer.name}' has an unreadable padding`);
}

const zeroPadding2D: LayerConverter = {
  check: checkChannelsLast,
  convert(ctx) {
    const { b, layer } = ctx;
    const x = onlyInput(ctx);
    const [top, bottom, left, right] = padAmounts(ctx);
    const [n = 1, h = 0, w = 0, ch = 0] = b.shape(x);
    const out = b.activation(layer.name, [n, h + top + bottom, w + left + right, ch]);
    const pads = b.constInt32(`${layer.name}/paddings`, [0, 0, top, bottom, left, right, 0, 0]);
    b.tensors[pads]!.shape = [4, 2];
    b.op('PAD', [x, pads], [out], {});
    return out;
  },
};

export const SHAPE_LAYERS: Record<string, LayerConverter> = {
  MaxPooling2D: pooling('MAX_POOL_2D', 2),
  AveragePooling2D: pooling('AVERAGE_POOL_2D', 2),
  MaxPooling1D: pooling('MAX_POOL_2D', 1),
  AveragePooling1D: pooling('AVERAGE_POOL_2D', 1),
  GlobalAveragePooling2D: globalAverage(2),
  GlobalAveragePooling1D: globalAverage(1),
  GlobalMaxPooling2D: globalMax2D,
  Flatten: flatten,
  Reshape: reshapeLayer,
  ZeroPadding2D: zeroPadding2D,
};
