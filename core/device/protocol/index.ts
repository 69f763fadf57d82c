// The TypeScript side of the board protocol v1 (docs/protocol.md).
export * from './crc8.js';
export * from './messages.js';
export * from './parse-line.js';
export * from './sequence.js';
export * from './decoder.js';
export * from './encode.js';
export * from './model-hash.js';
