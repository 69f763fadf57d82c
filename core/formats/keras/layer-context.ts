// What a layer converter receives, plus the small helpers every converter shares (config reading, activations).
import type { Padding } from '../../model/index.js';
import { malformedModel } from './errors.js';
import { fusedActivation, type FloatWeight, type GraphBuilder } from './graph-builder.js';
import { cfg, isObject, type Json, type LayerSpec } from './topology.js';

export interface LayerContext {
  b: GraphBuilder;
  layer: LayerSpec;
  /** Tensor indices of the layer's inputs, in order. */
  inputs: number[];
  /** The layer's weights in Keras order (kernel, bias; gamma, beta, mean, variance; …). */
  weights: FloatWeight[];
  /** True when the layer is the only reader of its (single) input, so it may fuse into the producing op. */
  soleConsumer: boolean;
  /** The file kind, for error messages (e.g. "Keras .h5 file"). */
  source: string;
}

export interface LayerConverter {
  /** Why this layer's configuration cannot be imported, or undefined when it can. */
  check?: (config: Json) => string | undefined;
  convert: (ctx: LayerContext) => number;
}

export function num(config: Json, key: string, fallback: number): number {
  const v = cfg(config, key);
  return typeof v === 'number' ? v : fallback;
}

export function bool(config: Json, key: string, fallback: boolean): boolean {
  const v = cfg(config, key);
  return typeof v === 'boolean' ? v : fallback;
}

/** kernel_size / strides / pool_size: an int or a tuple, as [h, w] (or [w] for 1-D layers). */
export function tuple(config: Json, key: string, rank: number, fallback: number[]): number[] {
  const v = cfg(config, key);
  if (typeof v === 'number') return new Array<number>(rank).fill(v);
  if (Array.isArray(v) && v.length === rank && v.every((x) => typeof x === 'number')) return v as number[];
  return fallback;
}

export function padding(config: Json): Padding {
  return String(cfg(config, 'padding') ?? 'valid').toLowerCase() === 'same' ? 'SAME' : 'VALID';
}

/** The activation's name: Keras 3 may write it as {class_name: 'function', config: 'relu'}. */
export function activationName(config: Json, key = 'activation'): string {
  const v = cfg(config, key);
  if (v === undefined || v === null) return 'linear';
  if (typeof v === 'string') return v.toLowerCase();
  if (isObject(v) && typeof v.config === 'string') return v.config.toLowerCase();
  if (isObject(v) && typeof v.class_name === 'string') return v.class_name.toLowerCase();
  return String(v);
}

const ACTIVATIONS = ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'softmax'];

export function checkActivation(config: Json, key = 'activation'): string | undefined {
  const a = activationName(config, key);
  return ACTIVATIONS.includes(a) ? undefined : `activation '${a}'`;
}

export function checkChannelsLast(config: Json): string | undefined {
  const f = cfg(config, 'data_format');
  return f === 'channels_first' ? 'data_format channels_first' : undefined;
}

export function firstReason(...reasons: (string | undefined)[]): string | undefined {
  return reasons.find((r) => r !== undefined);
}

export function outSize(inSize: number, k: number, stride: number, dilation: number, pad: Padding): number {
  if (pad === 'SAME') return Math.ceil(inSize / stride);
  return Math.floor((inSize - ((k - 1) * dilation + 1)) / stride) + 1;
}

/** Checks that the file gave the weights this layer needs, with the element counts it needs. */
export function expectWeights(ctx: LayerContext, sizes: number[]): FloatWeight[] {
  const { layer, weights, source } = ctx;
  if (weights.length !== sizes.length) {
    throw malformedModel(source, `layer '${layer.name}' (${layer.className}) has ${weights.length} weight arrays, expected ${sizes.length}`);
  }
  weights.forEach((w, i) => {
    if (w.data.length !== sizes[i]) {
      throw malformedModel(source, `weight ${i} of layer '${layer.name}' has ${w.data.length} values (shape [${w.shape.join(', ')}]), expected ${sizes[i]}`);
    }
  });
  return weights;
}

export function onlyInput(ctx: LayerContext): number {
  const x = ctx.inputs[0];
  if (x === undefined || ctx.inputs.length !== 1) {
    throw malformedModel(ctx.source, `layer '${ctx.layer.name}' needs exactly one input, it has ${ctx.inputs.length}`);
  }
  return x;
}

/** Applies a Keras activation after `input`: fused into the producing op when TFLite would fuse it, else an op. */
export function applyActivation(ctx: LayerContext, name: string, input: number, soleConsumer: boolean, outName: string): number {
  const { b } = ctx;
  if (name === 'linear') return input;
  const fused = fusedActivation(name);
  const slot = soleConsumer ? b.freeActivationSlot(input) : undefined;
  if (fused && slot) {
    b.setActivation(slot, fused);
    b.fusable.delete(input); // a BatchNormalization after the activation can no longer fold into the weights
    b.tensors[input] = { ...b.tensors[input]!, name: outName };
    return input;
  }
  const out = b.activation(outName, b.shape(input));
  if (name === 'relu') b.op('RELU', [input], [out], {});
  else if (name === 'relu6') b.op('RELU6', [input], [out], {});
  else if (name === 'sigmoid') b.op('LOGISTIC', [input], [out], {});
  else if (name === 'tanh') b.op('TANH', [input], [out], {});
  else if (name === 'softmax') b.op('SOFTMAX', [input], [out], { beta: 1 });
  else throw malformedModel(ctx.source, `layer '${ctx.layer.name}' uses activation '${name}'`);
  return out;
}
