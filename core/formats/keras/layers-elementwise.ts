// Per-element layers: activations, Softmax, BatchNormalization (folded when it can be), Add, Multiply, Concatenate.
import { malformedModel } from './errors.js';
import { activationName, applyActivation, bool, checkActivation, expectWeights, num, onlyInput, type LayerContext,
  type LayerConverter } from './layer-context.js';
import { cfg, type Json } from './topology.js';

function lastAxis(config: Json, key: string): string | undefined {
  const a = cfg(config, key);
  const axis = Array.isArray(a) ? (a.length === 1 ? a[0] : NaN) : a ?? -1;
  return axis === -1 ? undefined : `${key} ${JSON.stringify(a)} (only the last axis is supported)`;
}

/** BatchNormalization axis may be written as -1, [3] or 3; fine when it names the last axis of the input. */
function bnAxisIsLast(config: Json, rank: number): boolean {
  const a = cfg(config, 'axis');
  const axis = Array.isArray(a) ? (a.length === 1 ? a[0] : NaN) : a ?? -1;
  return axis === -1 || axis === rank - 1;
}

const activationLayer: LayerConverter = {
  check: (c) => checkActivation(c),
  convert: (ctx) => applyActivation(ctx, activationName(ctx.layer.config), onlyInput(ctx), ctx.soleConsumer, ctx.layer.name),
};

/** ReLU(max_value=None|6): plain relu or relu6; a slope or threshold has no TFLite equivalent here. */
const reluLayer: LayerConverter = {
  check(c) {
    const max = cfg(c, 'max_value');
    if (num(c, 'negative_slope', 0) !== 0) return 'negative_slope';
    if (num(c, 'threshold', 0) !== 0) return 'threshold';
    return max === null || max === undefined || max === 6 ? undefined : `max_value ${String(max)}`;
  },
  convert(ctx) {
    const max = cfg(ctx.layer.config, 'max_value');
    return applyActivation(ctx, max === 6 ? 'relu6' : 'relu', onlyInput(ctx), ctx.soleConsumer, ctx.layer.name);
  },
};

const softmaxLayer: LayerConverter = {
  check: (c) => lastAxis(c, 'axis'),
  convert: (ctx) => applyActivation(ctx, 'softmax', onlyInput(ctx), ctx.soleConsumer, ctx.layer.name),
};

/** Folds into the producing FC/conv weights (W·s, (b−mean)·s+beta) when it is the only reader, else MUL + ADD. */
const batchNormalization: LayerConverter = {
  convert(ctx) {
    const { b, layer } = ctx;
    const c = layer.config;
    const x = onlyInput(ctx);
    const shape = b.shape(x);
    if (!bnAxisIsLast(c, shape.length)) throw malformedModel(ctx.source, `BatchNormalization '${layer.name}' normalizes an axis other than the last`);
    const ch = shape[shape.length - 1] ?? 0;
    const center = bool(c, 'center', true);
    const scaleOn = bool(c, 'scale', true);
    const w = expectWeights(ctx, [...(scaleOn ? [ch] : []), ...(center ? [ch] : []), ch, ch]);
    const gamma = scaleOn ? w[0]!.data : new Float32Array(ch).fill(1);
    const beta = center ? w[scaleOn ? 1 : 0]!.data : new Float32Array(ch);
    const mean = w[w.length - 2]!.data;
    const variance = w[w.length - 1]!.data;
    const eps = num(c, 'epsilon', 1e-3);
    const s = new Float64Array(ch);
    const shift = new Float64Array(ch);
    for (let i = 0; i < ch; i++) {
      s[i] = (gamma[i] ?? 1) / Math.sqrt((variance[i] ?? 0) + eps);
      shift[i] = (beta[i] ?? 0) - (mean[i] ?? 0) * (s[i] ?? 0);
    }
    const f = ctx.soleConsumer ? b.freeActivationSlot(x) : undefined;
    if (f?.weights !== undefined && f.bias !== undefined) {
      foldInto(ctx, f.weights, f.bias, f.channelAxis ?? 0, s, shift);
      return x;
    }
    const scaled = b.activation(`${layer.name}/scale`, shape);
    b.op('MUL', [x, b.constFloat(`${layer.name}/multiplier`, [ch], Float32Array.from(s))], [scaled], { activation: 'NONE' });
    const out = b.activation(layer.name, shape);
    const op = b.op('ADD', [scaled, b.constFloat(`${layer.name}/offset`, [ch], Float32Array.from(shift))], [out], { activation: 'NONE' });
    b.fusable.set(out, { op });
    return out;
  },
};

function foldInto(ctx: LayerContext, weights: number, bias: number, axis: number, s: Float64Array, shift: Float64Array): void {
  const w = ctx.b.floatData(weights);
  const bv = ctx.b.floatData(bias);
  const ch = bv.length;
  const inner = w.length / ch;
  for (let i = 0; i < w.length; i++) {
    const o = axis === 0 ? Math.floor(i / inner) : i % ch;
    w[i] = (w[i] ?? 0) * (s[o] ?? 1);
  }
  for (let o = 0; o < ch; o++) bv[o] = (bv[o] ?? 0) * (s[o] ?? 1) + (shift[o] ?? 0);
}

/** Rescaling(scale, offset): y = x·scale + offset, as MUL then ADD with per-channel constants. */
const rescaling: LayerConverter = {
  check(c) {
    const ok = (v: unknown) => v === undefined || typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number'));
    return ok(cfg(c, 'scale')) && ok(cfg(c, 'offset')) ? undefined : 'scale/offset must be numbers';
  },
  convert(ctx) {
    const { b, layer } = ctx;
    const x = onlyInput(ctx);
    const shape = b.shape(x);
    const ch = shape[shape.length - 1] ?? 1;
    const perChannel = (v: unknown, fallback: number) => Float32Array.from({ length: ch }, (_, i) =>
      (typeof v === 'number' ? v : Array.isArray(v) ? Number(v.length === 1 ? v[0] : v[i]) : fallback));
    const scaled = b.activation(`${layer.name}/scale`, shape);
    b.op('MUL', [x, b.constFloat(`${layer.name}/multiplier`, [ch], perChannel(cfg(layer.config, 'scale'), 1))], [scaled], { activation: 'NONE' });
    const out = b.activation(layer.name, shape);
    const op = b.op('ADD', [scaled, b.constFloat(`${layer.name}/offset`, [ch], perChannel(cfg(layer.config, 'offset'), 0))], [out], { activation: 'NONE' });
    b.fusable.set(out, { op });
    return out;
  },
};

/** Normalization (adapted): y = (x − mean) / max(√variance, 1e-7), as MUL then ADD with per-channel constants. */
const normalization: LayerConverter = {
  check(c) {
    if (bool(c, 'invert', false)) return 'invert=True';
    return lastAxis(c, 'axis');
  },
  convert(ctx) {
    const { b, layer } = ctx;
    const x = onlyInput(ctx);
    const shape = b.shape(x);
    const ch = shape[shape.length - 1] ?? 1;
    const fromConfig = (key: string) => {
      const v = cfg(layer.config, key);
      return Array.isArray(v) ? Float32Array.from(v.flat(4) as number[]) : typeof v === 'number' ? Float32Array.of(v) : undefined;
    };
    const mean = fromConfig('mean') ?? ctx.weights[0]?.data;
    const variance = fromConfig('variance') ?? ctx.weights[1]?.data;
    const fits = (a?: Float32Array) => a !== undefined && (a.length === ch || a.length === 1);
    if (!fits(mean) || !fits(variance)) {
      throw malformedModel(ctx.source, `Normalization '${layer.name}' needs a mean and variance of ${ch} values (was it adapted?)`);
    }
    const at = (a: Float32Array, i: number) => a[a.length === 1 ? 0 : i] ?? 0;
    const s = Float32Array.from({ length: ch }, (_, i) => 1 / Math.max(Math.sqrt(at(variance!, i)), 1e-7));
    const shift = Float32Array.from({ length: ch }, (_, i) => -at(mean!, i) * (s[i] ?? 1));
    const scaled = b.activation(`${layer.name}/scale`, shape);
    b.op('MUL', [x, b.constFloat(`${layer.name}/multiplier`, [ch], s)], [scaled], { activation: 'NONE' });
    const out = b.activation(layer.name, shape);
    const op = b.op('ADD', [scaled, b.constFloat(`${layer.name}/offset`, [ch], shift)], [out], { activation: 'NONE' });
    b.fusable.set(out, { op });
    return out;
  },
};

function sameShapes(ctx: LayerContext): number[] {
  const shapes = ctx.inputs.map((t) => ctx.b.shape(t));
  const first = shapes[0] ?? [];
  if (ctx.inputs.length < 2) throw malformedModel(ctx.source, `layer '${ctx.layer.name}' needs at least two inputs`);
  for (const s of shapes) {
    if (s.length !== first.length || s.some((d, i) => d !== first[i])) {
      throw malformedModel(ctx.source, `layer '${ctx.layer.name}' adds shapes [${first.join(', ')}] and [${s.join(', ')}]`);
    }
  }
  return first;
}

function elementwise(type: 'ADD' | 'MUL'): LayerConverter {
  return {
    convert(ctx) {
      const { b, layer } = ctx;
      const shape = sameShapes(ctx);
      let acc = ctx.inputs[0]!;
      for (let i = 1; i < ctx.inputs.length; i++) {
        const out = b.activation(i === ctx.inputs.length - 1 ? layer.name : `${layer.name}/${i}`, shape);
        const op = b.op(type, [acc, ctx.inputs[i]!], [out], { activation: 'NONE' });
        b.fusable.set(out, { op });
        acc = out;
      }
      return acc;
    },
  };
}

const concatenate: LayerConverter = {
  convert(ctx) {
    const { b, layer } = ctx;
    const shapes = ctx.inputs.map((t) => b.shape(t));
    const rank = shapes[0]?.length ?? 0;
    const raw = num(layer.config, 'axis', -1);
    const axis = raw < 0 ? raw + rank : raw;
    const shape = [...(shapes[0] ?? [])];
    shape[axis] = shapes.reduce((a, s) => a + (s[axis] ?? 0), 0);
    const out = b.activation(layer.name, shape);
    b.op('CONCATENATION', [...ctx.inputs], [out], { axis, activation: 'NONE' });
    return out;
  },
};

export const ELEMENTWISE_LAYERS: Record<string, LayerConverter> = {
  Activation: activationLayer,
  ReLU: reluLayer,
  Softmax: softmaxLayer,
  BatchNormalization: batchNormalization,
  Rescaling: rescaling,
  Normalization: normalization,
  Add: elementwise('ADD'),
  Multiply: elementwise('MUL'),
  Concatenate: concatenate,
};
