// Builders of hostile inputs for the importer tests: zips whose headers lie, deflate streams that expand ~1000:1,
// .npy files with any header, and .tflite graphs with a dangling tensor or a huge PAD.
import { strToU8 } from 'fflate';
import { writeTflite } from '../../core/formats/index.js';
import type { DType, Graph, Tensor } from '../../core/model/index.js';

export interface RawZipEntry {
  name: string;
  /** The bytes as stored (already deflated when method is 8). */
  stored: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the central directory claims. */
  declaredSize: number;
}

/** A zip archive written field by field, so that its sizes can say anything (CRCs are left 0: readers skip them). */
export function rawZip(entries: RawZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true); lv.setUint16(4, 20, true); lv.setUint16(8, e.method, true);
    lv.setUint32(18, e.stored.length, true); lv.setUint32(22, Math.min(e.declaredSize, 0xffffffff), true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true); cv.setUint16(4, 20, true); cv.setUint16(6, 20, true); cv.setUint16(10, e.method, true);
    cv.setUint32(20, e.stored.length, true); cv.setUint32(24, Math.min(e.declaredSize, 0xffffffff), true);
    cv.setUint16(28, name.length, true); cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, e.stored);
    central.push(cd);
    offset += local.length + e.stored.length;
  }
  const cdSize = central.reduce((a, c) => a + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true); ev.setUint16(8, entries.length, true); ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true); ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of all) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * A raw deflate stream that inflates to `prefix` then zero bytes, `bytes` in all (rounded up to a step of 258): one
 * fixed-Huffman block of literals, a 0, then <length 258, distance 1> pairs, 13 bits each, the ~1000:1 that zip bombs rely on.
 */
export function zeroBomb(bytes: number, prefix: Uint8Array = new Uint8Array()): Uint8Array {
  const pairs = Math.ceil(Math.max(0, bytes - prefix.length - 1) / 258);
  const out = new Uint8Array(Math.ceil((3 + 9 * prefix.length + 8 + 13 * pairs + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, n: number, msbFirst: boolean): void => {
    for (let i = 0; i < n; i++) {
      const b = msbFirst ? (value >> (n - 1 - i)) & 1 : (value >> i) & 1;
      if (b) out[bit >> 3]! |= 1 << (bit & 7);
      bit++;
    }
  };
  put(1, 1, false); put(1, 2, false); // BFINAL, BTYPE = fixed Huffman
  for (const v of prefix) { if (v < 144) put(0x30 + v, 8, true); else put(0x190 + v - 144, 9, true); } // literals
  put(0x30, 8, true); // literal 0
  for (let i = 0; i < pairs; i++) { put(0xc5, 8, true); put(0, 5, true); } // length 258 (code 285), distance 1
  put(0, 7, true); // end of block
  return out.subarray(0, (bit + 7) >> 3);
}

/** A .npy file with the given header dict text and data. */
export function npyFile(header: string, data: Uint8Array = new Uint8Array()): Uint8Array {
  const head = strToU8(header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11, ' ') + '\n');
  const out = new Uint8Array(10 + head.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, head.length, true);
  out.set(head, 10);
  out.set(data, 10 + head.length);
  return out;
}

const f32Bytes = (values: number[]): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);
const i32Bytes = (values: number[]): Uint8Array => new Uint8Array(Int32Array.from(values).buffer);
const quantFor = (dtype: DType): Partial<Tensor> => (dtype === 'int8' ? { quant: { scale: [0.05], zeroPoint: [0], axis: 0 } } : {});

/** input [1,4] → FULLY_CONNECTED(3) → output, except the FC reads tensor 4, which nothing produces. */
export function danglingTensorModel(): Uint8Array {
  const graph: Graph = {
    name: 'dangling',
    tensors: [
      { name: 'input', shape: [1, 4], dtype: 'float32' },
      { name: 'fc/w', shape: [3, 4], dtype: 'float32', data: f32Bytes(Array.from({ length: 12 }, (_, i) => i / 12)) },
      { name: 'fc/b', shape: [3], dtype: 'float32', data: f32Bytes([0, 0, 0]) },
      { name: 'output', shape: [1, 3], dtype: 'float32' },
      { name: 'ghost', shape: [1, 4], dtype: 'float32' },
    ],
    ops: [{ type: 'FULLY_CONNECTED', inputs: [4, 1, 2], outputs: [3], version: 1,
      options: { activation: 'NONE', keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } }],
    inputs: [0],
    outputs: [3],
  };
  return writeTflite(graph);
}

/** input [1,8,8,1] → PAD by `pad` after H and W → [1, 8+pad, 8+pad, 1]: consistent, and gigabytes for a large pad. */
export function hugePadModel(pad: number, dtype: 'float32' | 'int8'): Uint8Array {
  const graph: Graph = {
    name: 'huge_pad',
    tensors: [
      { name: 'input', shape: [1, 8, 8, 1], dtype, ...quantFor(dtype) },
      { name: 'pad/paddings', shape: [4, 2], dtype: 'int32', data: i32Bytes([0, 0, 0, pad, 0, pad, 0, 0]) },
      { name: 'pad/out', shape: [1, 8 + pad, 8 + pad, 1], dtype, ...quantFor(dtype) },
    ],
    ops: [{ type: 'PAD', inputs: [0, 1], outputs: [2], version: 1, options: {} }],
    inputs: [0],
    outputs: [2],
  };
  return writeTflite(graph);
}
