// Turns a parsed Keras/TF.js model (layers + weights) into the IR, the way the TFLite converter would lay it out.
import { validateGraph, type Graph } from '../../model/index.js';
import { malformedModel, UnsupportedLayersError } from './errors.js';
import { GraphBuilder, type FloatWeight } from './graph-builder.js';
import type { LayerConverter } from './layer-context.js';
import { ELEMENTWISE_LAYERS } from './layers-elementwise.js';
import { SHAPE_LAYERS } from './layers-shape.js';
import { WEIGHTED_LAYERS } from './layers-weighted.js';
import { cfg, type LayerSpec, type ModelSpec } from './topology.js';

/** Layers that only act while training: at inference they pass their input through. */
const IDENTITY = new Set(['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'GaussianNoise', 'GaussianDropout',
  'AlphaDropout', 'ActivityRegularization']);

/** Older names Keras 2 and TF.js files may carry for the same layers. */
const ALIASES: Record<string, string> = {
  Convolution1D: 'Conv1D', Convolution2D: 'Conv2D', SeparableConvolution2D: 'SeparableConv2D',
  MaxPool2D: 'MaxPooling2D', AvgPool2D: 'AveragePooling2D', MaxPool1D: 'MaxPooling1D', AvgPool1D: 'AveragePooling1D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D', GlobalAvgPool1D: 'GlobalAveragePooling1D', GlobalMaxPool2D: 'GlobalMaxPooling2D',
};

const CONVERTERS: Record<string, LayerConverter> = { ...WEIGHTED_LAYERS, ...SHAPE_LAYERS, ...ELEMENTWISE_LAYERS };

export function canonicalClass(className: string): string {
  return ALIASES[className] ?? className;
}

/** The weights of one layer in Keras order; each file format supplies its own lookup. */
export type WeightLookup = (layer: LayerSpec) => FloatWeight[];

export function inputShapeOf(layer: LayerSpec): unknown[] | undefined {
  const s = cfg(layer.config, 'batch_shape') ?? cfg(layer.config, 'batch_input_shape');
  return Array.isArray(s) ? s : undefined;
}

/** Every layer the importer cannot convert, found before converting anything, so one error lists them all. */
function checkSupported(layers: LayerSpec[]): void {
  const bad: { className: string; name: string; reason?: string }[] = [];
  for (const l of layers) {
    const cls = canonicalClass(l.className);
    if (cls === 'InputLayer') {
      const shape = inputShapeOf(l);
      if (shape && shape.slice(1).some((d) => typeof d !== 'number')) bad.push({ className: l.className, name: l.name, reason: 'input sizes must be fixed' });
      continue;
    }
    if (IDENTITY.has(cls)) continue;
    const conv = CONVERTERS[cls];
    if (!conv) {
      const nested = ['Sequential', 'Functional', 'Model'].includes(cls);
      bad.push({ className: l.className, name: l.name, ...(nested ? { reason: 'a model inside the model; rebuild it as one flat model' } : {}) });
      continue;
    }
    const reason = l.calls > 1 ? `shared layer called ${l.calls} times` : conv.check?.(l.config);
    if (reason) bad.push({ className: l.className, name: l.name, reason });
  }
  if (bad.length > 0) throw new UnsupportedLayersError(bad);
}

export function kerasToGraph(spec: ModelSpec, weightsOf: WeightLookup, source: string): Graph {
  checkSupported(spec.layers);
  // Skip identity layers by pointing their readers at their input.
  const alias = new Map<string, string>();
  const resolve = (n: string): string => alias.get(n) ?? n;
  const layers: LayerSpec[] = [];
  for (const l of spec.layers) {
    const inbound = l.inbound.map(resolve);
    if (IDENTITY.has(canonicalClass(l.className))) {
      if (inbound.length !== 1) throw malformedModel(source, `layer '${l.name}' needs exactly one input`);
      alias.set(l.name, inbound[0]!);
    } else layers.push({ ...l, inbound });
  }
  const outputs = spec.outputs.map(resolve);
  const readers = new Map<string, number>();
  for (const l of layers) for (const n of l.inbound) readers.set(n, (readers.get(n) ?? 0) + 1);
  for (const n of outputs) readers.set(n, (readers.get(n) ?? 0) + 1);

  const b = new GraphBuilder();
  const tensorOf = new Map<string, number>();
  for (const layer of layers) {
    const cls = canonicalClass(layer.className);
    if (cls === 'InputLayer') {
      const shape = inputShapeOf(layer);
      if (!shape) throw malformedModel(source, `input layer '${layer.name}' has no shape`);
      tensorOf.set(layer.name, b.activation(layer.name, [1, ...(shape.slice(1) as number[])]));
      continue;
    }
    const inputs = layer.inbound.map((n) => {
      const t = tensorOf.get(n);
      if (t === undefined) throw malformedModel(source, `layer '${layer.name}' reads '${n}', which produces nothing`);
      return t;
    });
    if (inputs.length === 0) throw malformedModel(source, `layer '${layer.name}' has no input`);
    const first = layer.inbound[0] ?? '';
    const converter = CONVERTERS[cls]!;
    const out = converter.convert({
      b, layer, inputs, weights: weightsOf(layer), source,
      soleConsumer: inputs.length === 1 && readers.get(first) === 1,
    });
    tensorOf.set(layer.name, out);
  }
  const endpoint = (n: string): number => {
    const t = tensorOf.get(n);
    if (t === undefined) throw malformedModel(source, `the model's endpoint '${n}' is not a layer`);
    return t;
  };
  const graph = b.build(spec.name, spec.inputs.map(resolve).map(endpoint), outputs.map(endpoint), `Imported from ${source}`);
  validateGraph(graph, { source: `Malformed ${source}` });
  return graph;
}
