// The board catalog: what each supported board is, how it is built and flashed, and how to recognise it.
export * from './types.js';
export * from './cores.js';
export * from './catalog.js';
export { SIMULATED_UNO_ID, SIMULATED_M4F_ID } from './simulated.js';
