// Keras 3 .keras files: a zip of config.json (architecture), metadata.json and model.weights.h5 (weights).
import type { Graph } from '../../model/index.js';
import { readZip, ZipProblem } from '../archive.js';
import { malformedModel } from './errors.js';
import type { FloatWeight } from './graph-builder.js';
import { withH5, type H5Reader } from './h5.js';
import { parseJsonText } from './read-h5.js';
import { kerasToGraph } from './to-graph.js';
import { parseModelConfig, type LayerSpec } from './topology.js';

const SOURCE = 'Keras .keras file';

/** Keras' own snake_case of a class name: "DepthwiseConv2D" → "depthwise_conv2d", "ReLU" → "re_lu". */
export function snakeCase(name: string): string {
  return name.replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The weights file names each layer's group after its class, numbered in model order: dense, dense_1, … */
export function weightGroupKeys(layers: LayerSpec[]): Map<string, string> {
  const used = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const l of layers) {
    const base = snakeCase(l.className);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    keys.set(l.name, n === 0 ? base : `${base}_${n}`);
  }
  return keys;
}

function varsOf(h5: H5Reader, group: string): FloatWeight[] {
  const path = `${group}/vars`;
  if (!h5.has(path)) return [];
  const indices = h5.keys(path).map(Number).filter((i) => Number.isInteger(i)).sort((a, b) => a - b);
  return indices.map((i) => h5.floatDataset(`${path}/${i}`));
}

export async function readKerasZip(bytes: Uint8Array): Promise<Graph> {
  let entries: Record<string, Uint8Array>;
  try {
    // Only the entries Keras reads are inflated; a bomb hidden in any other entry is never touched.
    entries = readZip(bytes, (name) => name === 'config.json' || name.startsWith('model.weights'));
  } catch (cause) {
    if (cause instanceof ZipProblem) throw malformedModel(SOURCE, cause.message, cause);
    throw cause;
  }
  const configBytes = entries['config.json'];
  const weightBytes = entries['model.weights.h5'];
  if (!configBytes) throw malformedModel(SOURCE, 'the archive has no config.json');
  if (!weightBytes) {
    const other = Object.keys(entries).find((k) => k.startsWith('model.weights'));
    throw malformedModel(SOURCE, other ? `weights stored as ${other} are not supported (only model.weights.h5)` : 'the archive has no model.weights.h5');
  }
  const spec = parseModelConfig(parseJsonText(new TextDecoder().decode(configBytes), SOURCE, 'config.json'), SOURCE);
  // Keras lists functional layers by depth, so the (already topological) config order is the numbering order.
  const keys = weightGroupKeys(spec.layers);
  return withH5(weightBytes, `${SOURCE} (model.weights.h5)`, (h5) => kerasToGraph(spec, (layer) => {
    const key = keys.get(layer.name) ?? layer.name;
    const byClass = varsOf(h5, `layers/${key}`);
    return byClass.length > 0 ? byClass : varsOf(h5, `layers/${layer.name}`);
  }, SOURCE));
}
