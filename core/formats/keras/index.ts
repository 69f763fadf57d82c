// Keras model import (.keras zip, .h5) into the IR; the layer conversion is shared with the TF.js reader.
export { readKerasH5 } from './read-h5.js';
export { readKerasZip } from './read-keras.js';
export { UnsupportedLayersError } from './errors.js';
export { kerasToGraph } from './to-graph.js';
export { parseModelConfig, type ModelSpec, type LayerSpec } from './topology.js';
