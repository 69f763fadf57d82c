export * from './ir.js';
export * from './quant-math.js';
export * from './quant-params.js';
export * from './shapes.js';
export * from './stats.js';
export * from './random.js';
export * from './budget.js';
export * from './validate.js';
