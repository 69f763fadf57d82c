// TF.js layers-model import.
export * from './read-tfjs.js';
