// The Arduino toolchain: arduino-cli through execa (locate, cores, libraries, board list, compile, upload) and its errors.
export * from './pinned.js';
export * from './errors.js';
export * from './diagnostics.js';
export * from './classify.js';
export * from './run.js';
export * from './locate.js';
export * from './health.js';
export * from './cores.js';
export * from './libraries.js';
export * from './board-list.js';
export * from './compile.js';
export * from './port-state.js';
export * from './upload.js';
export * from './download.js';
