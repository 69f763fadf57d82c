// Thousands of mutated real models (seeded, so reproducible): each parses or throws TinyDeployError, never
// anything else; plus the structural bound that keeps self-referencing files from running for long.
import { describe, expect, it } from 'vitest';
import { TinyDeployError } from '../../core/api/index.js';
import { readTflite, writeTflite } from '../../core/formats/index.js';
import { inferShapes, layerStats, mulberry32 } from '../../core/model/index.js';
import { allOpsGraph } from '../model/fixture-graphs.js';
import { modelBytes } from './models.js';
import { buildRawModel } from './raw-model.js';

// Seeded, so a failing case can be replayed from its seed and index.
const prng = mulberry32;

type Mutation = (src: Uint8Array, rnd: () => number) => Uint8Array;
const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n);

const MUTATIONS: Record<string, Mutation> = {
  byteFlips: (src, rnd) => {
    const out = src.slice();
    for (let k = 1 + int(rnd, 8); k > 0; k--) out[int(rnd, out.length)] = int(rnd, 256);
    return out;
  },
  bitFlip: (src, rnd) => {
    const out = src.slice();
    out[int(rnd, out.length)] ^= 1 << int(rnd, 8);
    return out;
  },
  truncate: (src, rnd) => src.slice(0, int(rnd, src.length)),
  insert: (src, rnd) => {
    const at = int(rnd, src.length);
    const n = 1 + int(rnd, 16);
    const out = new Uint8Array(src.length + n);
    out.set(src.subarray(0, at));
    for (let k = 0; k < n; k++) out[at + k] = int(rnd, 256);
    out.set(src.subarray(at), at + n);
    return out;
  },
  remove: (src, rnd) => {
    const at = int(rnd, src.length);
    const tail = src.subarray(Math.min(src.length, at + 1 + int(rnd, 16)));
    const out = new Uint8Array(at + tail.length);
    out.set(src.subarray(0, at));
    out.set(tail, at);
    return out;
  },
  patchOffset: (src, rnd) => {
    const out = src.slice();
    const at = int(rnd, (out.length >> 2) - 1) * 4;
    const values = [int(rnd, out.length), out.length - 4, 0xffffffff, 0x80000000, int(rnd, 64), -int(rnd, 64) >>> 0];
    new DataView(out.buffer).setUint32(at, values[int(rnd, values.length)], true);
    return out;
  },
};

const SOURCES: [string, Uint8Array, number][] = [
  ['hello_world_int8', modelBytes('hello_world_int8.tflite'), 1300],
  ['hello_world_float', modelBytes('hello_world_float.tflite'), 800],
  ['simple_add_model', modelBytes('simple_add_model.tflite'), 800],
  ['micro_speech', modelBytes('micro_speech_quantized.tflite'), 800],
  ['magic_wand', modelBytes('magic_wand_int8.tflite'), 800],
  ['all_ops (our writer)', writeTflite(allOpsGraph()), 1000],
  ['person_detect', modelBytes('person_detect.tflite'), 100],
];

describe('fuzzing readTflite', () => {
  it('5,000+ mutated files each parse into a Graph (whose shapes and stats compute) or throw TinyDeployError', () => {
    const names = Object.keys(MUTATIONS);
    const tally = { parsed: 0, rejected: 0 };
    let total = 0;
    for (const [label, src, count] of SOURCES) {
      const rnd = prng(0x7f1e + total);
      for (let i = 0; i < count; i++, total++) {
        const kind = names[int(rnd, names.length)];
        const bytes = MUTATIONS[kind](src, rnd);
        try {
          const g = readTflite(bytes);
          if (!Array.isArray(g.ops) || !Array.isArray(g.tensors)) throw new Error(`${label} #${i}: not a Graph`);
          tally.parsed++;
          layerStats(g); // what `inspect` shows for any file the reader accepts
          inferShapes(g);
        } catch (e) {
          if (!(e instanceof TinyDeployError)) {
            throw new Error(`${label} mutation #${i} (${kind}) threw a non-TinyDeployError: ${String(e)}`, { cause: e });
          }
          tally.rejected++;
        }
      }
    }
    expect(total).toBeGreaterThanOrEqual(5000);
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(tally.parsed).toBeGreaterThan(100);
    expect(tally.rejected).toBeGreaterThan(1000);
  });

  it('bounds the work on files whose vectors all point at one table (no quadratic blow-up)', () => {
    // 4,000 tensors that all share one Tensor table with a 4,000-entry shape: 16 M reads if followed blindly.
    const n = 4000;
    const bytes = buildRawModel({
      opcodes: [], tensors: Array.from({ length: n }, (_, i) => ({ shape: i === 0 ? new Array(n).fill(1) : [1], type: 0 })),
      ops: [], inputs: [0], outputs: [0],
    });
    const view = new DataView(bytes.buffer);
    // Find the tensors vector (Model.subgraphs[0].tensors) and point every element at element 0's table.
    const root = view.getUint32(0, true);
    const field = (table: number, id: number): number => {
      const vt = table - view.getInt32(table, true);
      return view.getUint16(vt + 4 + 2 * id, true);
    };
    const vec = (table: number, id: number): number => table + field(table, id) + view.getUint32(table + field(table, id), true);
    const subgraphs = vec(root, 2);
    const sg = subgraphs + 4 + view.getUint32(subgraphs + 4, true);
    const tensors = vec(sg, 0);
    const first = tensors + 4 + view.getUint32(tensors + 4, true);
    let big = first;
    for (let i = 0; i < n; i++) {
      const at = tensors + 4 + 4 * i;
      const t = at + view.getUint32(at, true);
      if (field(t, 0) && view.getUint32(vec(t, 0), true) === n) big = t;
    }
    for (let i = 0; i < n; i++) view.setUint32(tensors + 4 + 4 * i, big - (tensors + 4 + 4 * i), true);
    expect(() => readTflite(bytes)).toThrow(/refers to more data than the file holds/);
  });
});
