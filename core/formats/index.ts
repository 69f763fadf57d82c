// Model and data formats: each reader produces the graph IR, each writer consumes it.
export * from './tflite/index.js';
