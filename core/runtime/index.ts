// The runtime's public surface: the reference interpreter and its data types.
export { createInterpreter, runGraph, type Interpreter } from './interpreter.js';
export type { TensorData } from './tensor-data.js';
export { allocateTensorData, decodeConstant, tensorDataCtor } from './tensor-data.js';
export * as fixedpoint from './fixedpoint.js';
