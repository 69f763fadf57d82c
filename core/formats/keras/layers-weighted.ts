// Dense and convolution layers: Keras weight layouts transposed into TFLite's, bias always present (zeros if absent).
import { activationName, applyActivation, bool, checkActivation, checkChannelsLast, expectWeights, firstReason, num,
  onlyInput, outSize, padding, tuple, type LayerContext, type LayerConverter } from './layer-context.js';
import { reshape } from './layers-shape.js';
import { cfg, type Json } from './topology.js';

/** Keras Dense kernel [in, out] → TFLite FULLY_CONNECTED weights [out, in]. */
export function transposeDense(k: Float32Array, inDim: number, units: number): Float32Array {
  const out = new Float32Array(k.length);
  for (let i = 0; i < inDim; i++) for (let o = 0; o < units; o++) out[o * inDim + i] = k[i * units + o] ?? 0;
  return out;
}

/** Keras Conv kernel [kh, kw, in, out] → TFLite CONV_2D filter [out, kh, kw, in]. */
export function transposeConv(k: Float32Array, kh: number, kw: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(k.length);
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) for (let c = 0; c < cin; c++) for (let o = 0; o < cout; o++) {
    out[((o * kh + y) * kw + x) * cin + c] = k[((y * kw + x) * cin + c) * cout + o] ?? 0;
  }
  return out;
}

function biasOrZeros(ctx: LayerContext, index: number, n: number, useBias: boolean): Float32Array {
  return useBias ? (ctx.weights[index]?.data ?? new Float32Array(n)) : new Float32Array(n);
}

const dense: LayerConverter = {
  check: (c) => checkActivation(c),
  convert(ctx) {
    const { b, layer } = ctx;
    const x = onlyInput(ctx);
    const inShape = b.shape(x);
    const inDim = inShape[inShape.length - 1] ?? 0;
    const units = num(layer.config, 'units', 0);
    const useBias = bool(layer.config, 'use_bias', true);
    expectWeights(ctx, useBias ? [inDim * units, units] : [inDim * units]);
    const w = b.constFloat(`${layer.name}/kernel`, [units, inDim], transposeDense(ctx.weights[0]!.data, inDim, units));
    const bias = b.constFloat(`${layer.name}/bias`, [units], biasOrZeros(ctx, 1, units, useBias));
    const out = b.activation(`${layer.name}/linear`, [...inShape.slice(0, -1), units]);
    const op = b.op('FULLY_CONNECTED', [x, w, bias], [out], {
      activation: 'NONE', keepNumDims: inShape.length > 2, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false,
    });
    b.fusable.set(out, { op, weights: w, bias, channelAxis: 0 });
    return applyActivation(ctx, activationName(layer.config), out, true, layer.name);
  },
};

function checkConv(c: Json): string | undefined {
  const groups = num(c, 'groups', 1);
  const pad = String(cfg(c, 'padding') ?? 'valid').toLowerCase();
  return firstReason(checkActivation(c), checkChannelsLast(c), groups !== 1 ? `groups=${groups}` : undefined,
    pad !== 'same' && pad !== 'valid' ? `padding '${pad}'` : undefined);
}

/** Conv2D on [1, H, W, C]; Conv1D on [1, W, C] is the same op on a [1, 1, W, C] view with kernel height 1. */
function convolution(rank: 1 | 2): LayerConverter {
  return {
    check: checkConv,
    convert(ctx) {
      const { b, layer } = ctx;
      const c = layer.config;
      let x = onlyInput(ctx);
      const inShape = b.shape(x);
      const [h, w, cin] = rank === 2 ? [inShape[1] ?? 0, inShape[2] ?? 0, inShape[3] ?? 0] : [1, inShape[1] ?? 0, inShape[2] ?? 0];
      const k = tuple(c, 'kernel_size', rank, [1, 1]);
      const s = tuple(c, 'strides', rank, [1, 1]);
      const d = tuple(c, 'dilation_rate', rank, [1, 1]);
      const [kh, kw, sh, sw, dh, dw] = rank === 2 ? [k[0]!, k[1]!, s[0]!, s[1]!, d[0]!, d[1]!] : [1, k[0]!, 1, s[0]!, 1, d[0]!];
      const cout = num(c, 'filters', 0);
      const useBias = bool(c, 'use_bias', true);
      expectWeights(ctx, useBias ? [kh * kw * cin * cout, cout] : [kh * kw * cin * cout]);
      const pad = padding(c);
      const oh = outSize(h, kh, sh, dh, pad);
      const ow = outSize(w, kw, sw, dw, pad);
      if (rank === 1) x = reshape(b, x, [1, 1, w, cin], `${layer.name}/as2d`, ctx.soleConsumer);
      const filter = b.constFloat(`${layer.name}/kernel`, [cout, kh, kw, cin], transposeConv(ctx.weights[0]!.data, kh, kw, cin, cout));
      const bias = b.constFloat(`${layer.name}/bias`, [cout], biasOrZeros(ctx, 1, cout, useBias));
      let out = b.activation(rank === 2 ? `${layer.name}/linear` : `${layer.name}/conv2d`, [1, oh, ow, cout]);
      const op = b.op('CONV_2D', [x, filter, bias], [out], {
        padding: pad, strideW: sw, strideH: sh, dilationW: dw, dilationH: dh, activation: 'NONE',
      });
      if (rank === 1) out = reshape(b, out, [1, ow, cout], `${layer.name}/linear`);
      b.fusable.set(out, { op, weights: filter, bias, channelAxis: 0 });
      return applyActivation(ctx, activationName(c), out, true, layer.name);
    },
  };
}

/** Depthwise kernel [kh, kw, in, mult] has the same memory order as TFLite's [1, kh, kw, in*mult]. */
function addDepthwise(ctx: LayerContext, x: number, kernel: Float32Array, bias: Float32Array, name: string): number {
  const { b, layer } = ctx;
  const c = layer.config;
  const [, h, w, cin] = b.shape(x) as [number, number, number, number];
  const [kh, kw] = tuple(c, 'kernel_size', 2, [1, 1]) as [number, number];
  const [sh, sw] = tuple(c, 'strides', 2, [1, 1]) as [number, number];
  const [dh, dw] = tuple(c, 'dilation_rate', 2, [1, 1]) as [number, number];
  const mult = num(c, 'depth_multiplier', 1);
  const pad = padding(c);
  const filter = b.constFloat(`${name}/depthwise_kernel`, [1, kh, kw, cin * mult], kernel);
  const biasT = b.constFloat(`${name}/bias`, [cin * mult], bias);
  const out = b.activation(`${name}/linear`, [1, outSize(h, kh, sh, dh, pad), outSize(w, kw, sw, dw, pad), cin * mult]);
  const op = b.op('DEPTHWISE_CONV_2D', [x, filter, biasT], [out], {
    padding: pad, strideW: sw, strideH: sh, dilationW: dw, dilationH: dh, activation: 'NONE', depthMultiplier: mult,
  });
  b.fusable.set(out, { op, weights: filter, bias: biasT, channelAxis: 3 });
  return out;
}

function depthwiseSizes(ctx: LayerContext): { cin: number; mult: number; kSize: number } {
  const [kh, kw] = tuple(ctx.layer.config, 'kernel_size', 2, [1, 1]) as [number, number];
  const cin = ctx.b.shape(ctx.inputs[0] ?? 0)[3] ?? 0;
  const mult = num(ctx.layer.config, 'depth_multiplier', 1);
  return { cin, mult, kSize: kh * kw * cin * mult };
}

const depthwiseConv2D: LayerConverter = {
  check: (c) => firstReason(checkActivation(c), checkChannelsLast(c)),
  convert(ctx) {
    const x = onlyInput(ctx);
    const { cin, mult, kSize } = depthwiseSizes(ctx);
    const useBias = bool(ctx.layer.config, 'use_bias', true);
    expectWeights(ctx, useBias ? [kSize, cin * mult] : [kSize]);
    const out = addDepthwise(ctx, x, ctx.weights[0]!.data, biasOrZeros(ctx, 1, cin * mult, useBias), ctx.layer.name);
    return applyActivation(ctx, activationName(ctx.layer.config), out, true, ctx.layer.name);
  },
};

/** SeparableConv2D = DEPTHWISE_CONV_2D (no bias) then a 1×1 CONV_2D carrying the bias and the activation. */
const separableConv2D: LayerConverter = {
  check: (c) => firstReason(checkActivation(c), checkChannelsLast(c)),
  convert(ctx) {
    const { b, layer } = ctx;
    const x = onlyInput(ctx);
    const { cin, mult, kSize } = depthwiseSizes(ctx);
    const cout = num(layer.config, 'filters', 0);
    const useBias = bool(layer.config, 'use_bias', true);
    expectWeights(ctx, useBias ? [kSize, cin * mult * cout, cout] : [kSize, cin * mult * cout]);
    const mid = addDepthwise(ctx, x, ctx.weights[0]!.data, new Float32Array(cin * mult), `${layer.name}/depthwise`);
    b.fusable.delete(mid);
    const [, oh, ow] = b.shape(mid) as [number, number, number, number];
    const filter = b.constFloat(`${layer.name}/pointwise_kernel`, [cout, 1, 1, cin * mult],
      transposeConv(ctx.weights[1]!.data, 1, 1, cin * mult, cout));
    const bias = b.constFloat(`${layer.name}/bias`, [cout], biasOrZeros(ctx, 2, cout, useBias));
    const out = b.activation(`${layer.name}/linear`, [1, oh, ow, cout]);
    const op = b.op('CONV_2D', [mid, filter, bias], [out], {
      padding: 'VALID', strideW: 1, strideH: 1, dilationW: 1, dilationH: 1, activation: 'NONE',
    });
    b.fusable.set(out, { op, weights: filter, bias, channelAxis: 0 });
    return applyActivation(ctx, activationName(layer.config), out, true, layer.name);
  },
};

export const WEIGHTED_LAYERS: Record<string, LayerConverter> = {
  Dense: dense,
  Conv2D: convolution(2),
  Conv1D: convolution(1),
  DepthwiseConv2D: depthwiseConv2D,
  SeparableConv2D: separableConv2D,
};
