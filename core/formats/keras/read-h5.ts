// Keras .h5 (HDF5) models: the model_config attribute holds the architecture, model_weights/<layer> the weights.
import type { Graph } from '../../model/index.js';
import { malformedModel } from './errors.js';
import type { FloatWeight } from './graph-builder.js';
import { withH5, type H5Reader } from './h5.js';
import { kerasToGraph } from './to-graph.js';
import { parseModelConfig, type LayerSpec } from './topology.js';

const SOURCE = 'Keras .h5 file';

export function parseJsonText(text: unknown, source: string, what: string): unknown {
  if (typeof text !== 'string') throw malformedModel(source, `${what} is missing`);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw malformedModel(source, `${what} is not valid JSON (${(cause as Error).message})`, cause);
  }
}

/** weight_names is a string array attribute; an empty one comes back as an empty numeric array. */
function weightNames(h5: H5Reader, group: string): string[] {
  const v = h5.attr(group, 'weight_names');
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return [v];
  return [];
}

/** The weights of one layer from a Keras 2 style weights group (also what Keras 3 writes to legacy .h5). */
export function h5LayerWeights(h5: H5Reader, root: string, layer: LayerSpec): FloatWeight[] {
  const group = `${root}/${layer.name}`;
  if (!h5.has(group)) return [];
  return weightNames(h5, group).map((n) => h5.floatDataset(`${group}/${n}`));
}

/** Reads a whole-model Keras .h5 (Keras 2, or Keras 3's legacy HDF5 writer) into the IR. */
export async function readKerasH5(bytes: Uint8Array): Promise<Graph> {
  return withH5(bytes, SOURCE, (h5) => {
    const config = h5.attr('/', 'model_config');
    if (config === undefined) {
      const hint = h5.has('layers') || h5.has('model_weights') ? 'it holds weights only (model.save_weights)' : 'it has no model_config attribute';
      throw malformedModel(SOURCE, `${hint}; TinyDeploy needs the whole model (model.save("model.h5"))`);
    }
    const spec = parseModelConfig(parseJsonText(config, SOURCE, 'the model_config attribute'), SOURCE);
    const root = h5.has('model_weights') ? 'model_weights' : '';
    return kerasToGraph(spec, (layer) => h5LayerWeights(h5, root, layer), SOURCE);
  });
}
