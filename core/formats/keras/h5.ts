// HDF5 access through h5wasm (HDF5 compiled to wasm, run in a worker: see h5-worker.ts), as a reader over its nodes.
import { TinyDeployError } from '../../api/index.js';
import { checkShape, firstNonFinite } from '../../model/index.js';
import { malformedModel } from './errors.js';
import type { FloatWeight } from './graph-builder.js';
import { H5Timeout, readH5Nodes, type H5Node } from './h5-worker.js';

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export interface H5Reader {
  has(path: string): boolean;
  keys(path: string): string[];
  /** An attribute's value (strings and string arrays come back as JS strings), or undefined. */
  attr(path: string, name: string): unknown;
  floatDataset(path: string): FloatWeight;
}

/** HDF5's signature sits at offset 0, 512, 1024, … (a user block may come first). */
export function looksLikeHdf5(bytes: Uint8Array): boolean {
  for (let off = 0; off + 8 <= bytes.length && off <= 1 << 20; off = off === 0 ? 512 : off * 2) {
    if (HDF5_MAGIC.every((b, i) => bytes[off + i] === b)) return true;
  }
  return false;
}

/** Reads `bytes` as HDF5 (in a worker, under a deadline) and runs `fn` on what it holds. */
export async function withH5<T>(bytes: Uint8Array, source: string, fn: (r: H5Reader) => T): Promise<T> {
  if (!looksLikeHdf5(bytes)) throw malformedModel(source, 'it is not an HDF5 file (no HDF5 signature)');
  let nodes: Record<string, H5Node>;
  try {
    nodes = await readH5Nodes(bytes);
  } catch (cause) {
    // HDF5 itself failing (or looping) on a damaged file is a broken file, not a TinyDeploy bug.
    throw malformedModel(source, cause instanceof H5Timeout ? `${cause.message} (the file is damaged)` : `HDF5 could not read it: ${hdf5Reason(cause)}`, cause);
  }
  try {
    return fn(reader(nodes, source));
  } catch (cause) {
    if (cause instanceof TinyDeployError) throw cause;
    throw malformedModel(source, `its content is not what Keras writes (${(cause as Error).message})`, cause);
  }
}

/** The innermost cause of an HDF5 diagnostic chain ("file signature not found"), or the error's message. */
function hdf5Reason(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  const reasons = [...text.matchAll(/\(\): (.+)$/gm)].map((m) => m[1]);
  return reasons.at(-1) ?? text.split('\n')[0] ?? 'unknown error';
}

const norm = (p: string): string => p.replace(/^\/+|\/+$/g, '').replace(/\/+/g, '/');

function reader(nodes: Record<string, H5Node>, source: string): H5Reader {
  const get = (p: string): H5Node | undefined => (Object.hasOwn(nodes, norm(p)) ? nodes[norm(p)] : undefined);
  return {
    has: (p) => get(p) !== undefined,
    keys(p) {
      const g = get(p);
      if (g?.kind !== 'group') throw malformedModel(source, `the group '${p}' is missing`);
      return g.keys;
    },
    attr(p, name) {
      const g = get(p);
      return g && Object.hasOwn(g.attrs, name) ? g.attrs[name] : undefined;
    },
    floatDataset(p) {
      const d = get(p);
      if (d?.kind !== 'dataset') throw malformedModel(source, `the weight dataset '${p}' is missing`);
      const shape = d.shape;
      checkShape(`Malformed ${source}: weight dataset '${p}'`, shape, 8 + 4);
      if (d.error !== undefined) throw malformedModel(source, `weight dataset '${p}' cannot be read: ${d.error}`);
      const v = d.value;
      let data: Float32Array;
      if (v instanceof Float32Array) data = v;
      else if (v instanceof Float64Array) data = Float32Array.from(v);
      else if (typeof v === 'number' || typeof v === 'bigint') data = Float32Array.of(Number(v));
      else if (v instanceof BigInt64Array || v instanceof Int32Array || v instanceof Int16Array || v instanceof Int8Array
        || v instanceof Uint8Array) data = Float32Array.from(v as ArrayLike<number | bigint>, Number); // e.g. Normalization's count
      else throw malformedModel(source, `weight '${p}' has type ${d.dtype}, not float32 or float64`);
      const out = Float32Array.from(data);
      const bad = firstNonFinite(out);
      if (bad >= 0) throw malformedModel(source, `weight dataset '${p}' holds ${out[bad]} at index ${bad}; weights must be finite float32 numbers`);
      return { shape, data: out };
    },
  };
}
