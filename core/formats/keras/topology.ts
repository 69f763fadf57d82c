// One model description for Keras 3 config.json, Keras 2 model_config and TF.js modelTopology: layers with inbound names.
import { malformedModel } from './errors.js';

export type Json = Record<string, unknown>;

export interface LayerSpec {
  className: string;
  name: string;
  config: Json;
  /** The layers whose outputs feed this one, in argument order (empty for an InputLayer). */
  inbound: string[];
  /** How many times the layer was called; a shared layer (> 1) cannot be imported. */
  calls: number;
}

export interface ModelSpec {
  name: string;
  /** Topologically ordered. */
  layers: LayerSpec[];
  inputs: string[];
  outputs: string[];
}

export function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A config value by its snake_case name, or the camelCase name TF.js code may use. */
export function cfg(config: Json, key: string): unknown {
  if (key in config) return config[key];
  const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return config[camel];
}

/** Parses a whole-model config: {class_name: 'Sequential' | 'Functional' | 'Model', config: {...}}. */
export function parseModelConfig(root: unknown, source: string): ModelSpec {
  if (!isObject(root)) throw malformedModel(source, 'the model config is not a JSON object');
  const top = isObject(root.model_config) ? root.model_config : root; // TF.js wraps it in model_config
  const className = top.class_name;
  const config = top.config;
  if (className === 'Sequential') return parseSequential(config, source);
  if (className === 'Functional' || className === 'Model') return parseFunctional(config, source);
  throw malformedModel(source, `the top-level class is '${String(className)}', not Sequential or Functional`);
}

function layerList(config: unknown, source: string): Json[] {
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(layers) || layers.length === 0) throw malformedModel(source, 'the model config lists no layers');
  return layers.map((l, i) => {
    if (!isObject(l) || typeof l.class_name !== 'string' || !isObject(l.config)) {
      throw malformedModel(source, `layer ${i} has no class_name or config`);
    }
    return l;
  });
}

function layerName(l: Json, fallback: string): string {
  const c = l.config as Json;
  const n = typeof l.name === 'string' ? l.name : typeof c.name === 'string' ? c.name : fallback;
  return n;
}

function parseSequential(config: unknown, source: string): ModelSpec {
  const raw = layerList(config, source);
  const name = isObject(config) && typeof config.name === 'string' ? config.name : 'sequential';
  const layers: LayerSpec[] = [];
  let prev: string | undefined;
  raw.forEach((l, i) => {
    const className = l.class_name as string;
    const lname = layerName(l, `layer_${i}`);
    const lconfig = l.config as Json;
    if (i === 0 && className !== 'InputLayer') {
      // Keras 2 puts the input shape on the first layer; Keras 3 in build_config.
      const shape = cfg(lconfig, 'batch_input_shape') ?? cfg(lconfig, 'batch_shape') ?? buildShape(l);
      if (!Array.isArray(shape)) throw malformedModel(source, `the first layer '${lname}' gives no input shape`);
      const inputName = `${lname}_input`;
      layers.push({ className: 'InputLayer', name: inputName, config: { name: inputName, batch_shape: shape }, inbound: [], calls: 1 });
      prev = inputName;
    }
    layers.push({ className, name: lname, config: lconfig, inbound: className === 'InputLayer' ? [] : prev ? [prev] : [], calls: 1 });
    prev = lname;
  });
  const input = layers[0]?.name ?? '';
  return { name, layers, inputs: [input], outputs: [prev ?? input] };
}

function buildShape(l: Json): unknown {
  const b = l.build_config;
  return isObject(b) ? b.input_shape : undefined;
}

function parseFunctional(config: unknown, source: string): ModelSpec {
  if (!isObject(config)) throw malformedModel(source, 'the functional model config is not an object');
  const raw = layerList(config, source);
  const layers = raw.map((l, i): LayerSpec => {
    const nodes = Array.isArray(l.inbound_nodes) ? l.inbound_nodes : [];
    const first: unknown = nodes[0];
    return {
      className: l.class_name as string,
      name: layerName(l, `layer_${i}`),
      config: l.config as Json,
      inbound: first === undefined ? [] : inboundNames(first, source),
      calls: Math.max(1, nodes.length),
    };
  });
  return {
    name: typeof config.name === 'string' ? config.name : 'model',
    layers: topoSort(layers, source),
    inputs: endpointNames(config.input_layers, source, 'input_layers'),
    outputs: endpointNames(config.output_layers, source, 'output_layers'),
  };
}

/** Keras 2: [["conv", 0, 0, {}], ...]; Keras 3: {args: [...keras tensors...], kwargs: {}}. */
function inboundNames(node: unknown, source: string): string[] {
  if (Array.isArray(node)) {
    return node.map((entry) => {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw malformedModel(source, 'an inbound node entry has no layer name');
      return entry[0];
    });
  }
  const names: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (!isObject(x)) return;
    if (x.class_name === '__keras_tensor__' && isObject(x.config) && Array.isArray(x.config.keras_history)) {
      const n = x.config.keras_history[0];
      if (typeof n === 'string') names.push(n);
      return;
    }
    Object.values(x).forEach(walk);
  };
  if (isObject(node)) walk(node.args);
  return names;
}

function endpointNames(x: unknown, source: string, what: string): string[] {
  if (!Array.isArray(x) || x.length === 0) throw malformedModel(source, `the functional config has no ${what}`);
  if (typeof x[0] === 'string') return [x[0]]; // Keras 3 writes a single endpoint unwrapped
  return x.map((e) => {
    if (!Array.isArray(e) || typeof e[0] !== 'string') throw malformedModel(source, `an entry of ${what} has no layer name`);
    return e[0];
  });
}

function topoSort(layers: LayerSpec[], source: string): LayerSpec[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: LayerSpec[] = [];
  const visit = (l: LayerSpec): void => {
    if (done.has(l.name)) return;
    if (visiting.has(l.name)) throw malformedModel(source, `layer '${l.name}' is part of a cycle`);
    visiting.add(l.name);
    for (const n of l.inbound) {
      const src = byName.get(n);
      if (!src) throw malformedModel(source, `layer '${l.name}' takes input from unknown layer '${n}'`);
      visit(src);
    }
    visiting.delete(l.name);
    done.add(l.name);
    out.push(l);
  };
  layers.forEach(visit);
  return out;
}
