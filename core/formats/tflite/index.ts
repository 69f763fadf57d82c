// The .tflite format: read a model file into the graph IR and write the IR back as a TFLM-ready file.
export { readTflite } from './reader.js';
export { writeTflite } from './writer.js';
export { UnsupportedOpsError } from './errors.js';
export { builtinOpName, builtinOpCode, BUILTIN_OP_NAMES } from './builtin-ops.js';
