// HDF5 access through h5wasm (HDF5 compiled to wasm), on bytes in its in-memory filesystem so it works in any host.
import h5wasm, { Dataset, Group, type File as H5File } from 'h5wasm';
import { TinyDeployError } from '../../api/index.js';
import { checkShape, firstNonFinite } from '../../model/index.js';
import { malformedModel } from './errors.js';
import type { FloatWeight } from './graph-builder.js';

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
let counter = 0;

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

/** Opens `bytes` as HDF5, runs `fn` on it, and always frees the in-memory copy. */
export async function withH5<T>(bytes: Uint8Array, source: string, fn: (r: H5Reader) => T): Promise<T> {
  if (!looksLikeHdf5(bytes)) throw malformedModel(source, 'it is not an HDF5 file (no HDF5 signature)');
  const module = await h5wasm.ready;
  const { FS } = module;
  // HDF5 errors become exceptions (with the diagnostic chain as message) instead of text on stderr.
  module.activate_throwing_error_handler();
  const file = `/tinydeploy-${Date.now().toString(36)}-${counter++}.h5`;
  FS.writeFile(file, bytes);
  let f: H5File | undefined;
  try {
    f = new h5wasm.File(file, 'r');
    if (f.file_id < 0n) throw malformedModel(source, 'HDF5 could not open it (truncated or corrupted)');
    return fn(reader(f, source));
  } catch (cause) {
    // HDF5 itself failing on a damaged file (an abort inside the wasm) is a broken file, not a TinyDeploy bug.
    if (cause instanceof TinyDeployError) throw cause;
    throw malformedModel(source, `HDF5 could not read it: ${hdf5Reason(cause)}`, cause);
  } finally {
    try { if (f && f.file_id >= 0n) f.close(); } catch { /* already unusable */ }
    FS.unlink(file);
  }
}

/** The innermost cause of an HDF5 diagnostic chain ("file signature not found"), or the error's message. */
function hdf5Reason(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  const reasons = [...text.matchAll(/\(\): (.+)$/gm)].map((m) => m[1]);
  return reasons.at(-1) ?? text.split('\n')[0] ?? 'unknown error';
}

function reader(f: H5File, source: string): H5Reader {
  const get = (path: string): ReturnType<Group['get']> => {
    try { return path === '' || path === '/' ? f : f.get(path); } catch { return null; }
  };
  return {
    has: (path) => get(path) !== null,
    keys(path) {
      const g = get(path);
      if (!(g instanceof Group)) throw malformedModel(source, `the group '${path}' is missing`);
      return g.keys();
    },
    attr(path, name) {
      const g = get(path);
      if (!(g instanceof Group) && !(g instanceof Dataset)) return undefined;
      const a = g.attrs[name];
      if (!a) return undefined;
      const v = a.value;
      if (v instanceof Uint8Array && a.dtype === 'S') return new TextDecoder().decode(v);
      return v;
    },
    floatDataset(path) {
      const d = get(path);
      if (!(d instanceof Dataset)) throw malformedModel(source, `the weight dataset '${path}' is missing`);
      const shape = d.shape ?? [];
      // HDF5 reads a whole dataset at once (fill values included): check its declared size first.
      checkShape(`Malformed ${source}: weight dataset '${path}'`, shape, 8 + 4);
      const v = d.value;
      let data: Float32Array;
      if (v instanceof Float32Array) data = v;
      else if (v instanceof Float64Array) data = Float32Array.from(v);
      else if (typeof v === 'number' || typeof v === 'bigint') data = Float32Array.of(Number(v));
      else if (v instanceof BigInt64Array || v instanceof Int32Array || v instanceof Int16Array || v instanceof Int8Array
        || v instanceof Uint8Array) data = Float32Array.from(v as ArrayLike<number | bigint>, Number); // e.g. Normalization's count
      else throw malformedModel(source, `weight '${path}' has type ${String(d.dtype)}, not float32 or float64`);
      const out = Float32Array.from(data);
      const bad = firstNonFinite(out);
      if (bad >= 0) throw malformedModel(source, `weight dataset '${path}' holds ${out[bad]} at index ${bad}; weights must be finite float32 numbers`);
      return { shape, data: out };
    },
  };
}
