// Golden outputs from core/runtime for a batch of random inputs, laid out as the C harness reads and writes them.
import type { Graph } from '../../core/model/index.js';
import { elementCount } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { mulberry32, randomInt8 } from './random.js';

export interface Batch { inputs: Uint8Array; expected: Uint8Array; count: number }

/** The random inputs of a batch alone (the same bytes referenceBatch uses for the same seed). */
export function randomInputs(graph: Graph, count: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  const inTotal = graph.inputs.reduce((s, t) => s + elementCount(graph.tensors[t]!.shape), 0);
  const out = new Int8Array(inTotal * count);
  for (let r = 0; r < count; r++) {
    let off = r * inTotal;
    for (const t of graph.inputs) {
      const x = randomInt8(rand, elementCount(graph.tensors[t]!.shape));
      out.set(x, off);
      off += x.length;
    }
  }
  return new Uint8Array(out.buffer);
}

export function referenceBatch(graph: Graph, count: number, seed: number): Batch {
  const rand = mulberry32(seed);
  const interp = createInterpreter(graph);
  const inSizes = graph.inputs.map((t) => elementCount(graph.tensors[t]!.shape));
  const outSizes = graph.outputs.map((t) => elementCount(graph.tensors[t]!.shape));
  const inTotal = inSizes.reduce((a, b) => a + b, 0);
  const outTotal = outSizes.reduce((a, b) => a + b, 0);
  const inputs = new Int8Array(inTotal * count);
  const expected = new Int8Array(outTotal * count);
  for (let r = 0; r < count; r++) {
    const ins = inSizes.map((n) => randomInt8(rand, n));
    let off = r * inTotal;
    for (const x of ins) { inputs.set(x, off); off += x.length; }
    const outs = interp.run(ins);
    off = r * outTotal;
    for (const y of outs) { expected.set(y as Int8Array, off); off += y.length; }
  }
  return { inputs: new Uint8Array(inputs.buffer), expected: new Uint8Array(expected.buffer), count };
}

/** Index of the first differing byte, or -1. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
