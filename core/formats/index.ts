// Model and data formats: each reader produces the graph IR, each writer consumes it.
export * from './tflite/index.js';
export * from './keras/index.js';
export * from './tfjs/index.js';
export * from './dataset/index.js';
export * from './import-model.js';
export * from './load-model.js';
export * from './readable-path.js';
