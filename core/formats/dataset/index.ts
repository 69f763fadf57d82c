// Datasets for training and evaluation: CSV, .npy/.npz, and reproducible splits.
export * from './dataset.js';
export * from './csv.js';
export * from './npy.js';
export * from './npz.js';
export * from './arrays.js';
export * from './split.js';
export * from './load.js';
