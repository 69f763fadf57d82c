// Reads one model file through importModel and prints its op count: a process that must then exit on its own.
// Usage: node --import tsx test/formats/fuzz/read-once.ts <model file>
import { importModel } from '../../../core/formats/index.js';

const g = await importModel(process.argv[2] ?? '');
console.log(`ops ${g.ops.length}`);
