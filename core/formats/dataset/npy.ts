// NumPy .npy arrays (format versions 1–3): the header's descr, fortran_order and shape, then the raw data.
import { checkElements, firstNonFinite } from '../../model/index.js';
import { ErrorCode } from '../../api/index.js';
import { datasetError } from './dataset.js';

export interface NpyArray {
  /** NumPy's dtype string as written, e.g. '<f4', '|u1', '>i8'. */
  descr: string;
  shape: number[];
  /** Every element as a number, in C (row-major) order whatever order the file used. */
  values: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

type Reader = (view: DataView, offset: number, little: boolean) => number;
const READERS: Record<string, { size: number; read: Reader }> = {
  f2: { size: 2, read: (v, o, le) => halfToFloat(v.getUint16(o, le)) },
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => (v.getUint8(o) === 0 ? 0 : 1) },
  i2: { size: 2, read: (v, o, le) => v.getInt16(o, le) },
  u2: { size: 2, read: (v, o, le) => v.getUint16(o, le) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le) },
  u4: { size: 4, read: (v, o, le) => v.getUint32(o, le) },
  i8: { size: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  u8: { size: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)) },
};

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Parses one .npy file; `name` is used in error messages. */
export function parseNpy(bytes: Uint8Array, name = 'the .npy file'): NpyArray {
  const bad = (what: string): never => {
    throw datasetError(`${name} is not a valid .npy file: ${what}.`, 'Save the array with numpy.save (or numpy.savez for several arrays).');
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) bad('it does not start with the \\x93NUMPY magic');
  const major = bytes[6] ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) { headerLen = view.getUint16(8, true); start = 10; }
  else if (major === 2 || major === 3) {
    if (bytes.length < 12) bad('the header length is cut off');
    headerLen = view.getUint32(8, true); start = 12;
  } else return bad(`format version ${major} is unknown (1, 2 and 3 are)`);
  if (start + headerLen > bytes.length) bad(`the header claims ${headerLen} bytes but the file ends first`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const { descr, fortran, shape } = parseHeader(header, bad);

  const kind = descr.slice(1);
  const reader = READERS[kind];
  if (!reader || !['<', '>', '|', '='].includes(descr[0] ?? '')) {
    return bad(`dtype '${descr}' is not a plain number type (float16/32/64, int8–64, uint8–64, bool)`);
  }
  const little = descr[0] !== '>';
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  const need = count * reader.size;
  if (bytes.length - dataStart < need) bad(`the data is truncated: ${bytes.length - dataStart} bytes for ${count} × ${reader.size}`);
  // Read as float64, then copied to float32 (and again from Fortran order): budget all three before allocating.
  checkElements(`${name}: the array of shape (${shape.join(', ')})`, count, fortran ? 20 : 12,
    { code: ErrorCode.DatasetMalformed, advice: 'Datasets for microcontroller models fit in a few MiB; check the array or save a subset.' });
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = reader.read(view, dataStart + i * reader.size, little);
  const ordered = fortran ? fortranToC(values, shape) : values;
  const at = firstNonFinite(ordered);
  if (at >= 0) {
    throw datasetError(`${name} holds ${ordered[at]} at index ${at}${shape.length > 1 ? ` (${unravel(at, shape).join(', ')})` : ''}; values must be finite float32 numbers.`,
      'Remove or impute the missing and infinite values (e.g. numpy.nan_to_num) and clip values to the float32 range before saving.');
  }
  return { descr, shape, values: ordered };
}

/** The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }. */
function parseHeader(header: string, bad: (w: string) => never): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]+)['"]/.exec(header)?.[1];
  const fortranText = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined) bad("the header has no 'descr' (a structured dtype?)");
  if (fortranText === undefined) bad("the header has no 'fortran_order'");
  if (shapeText === undefined) bad("the header has no 'shape'");
  const shape = (shapeText ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    const n = Number(s.replace(/L$/, ''));
    if (!Number.isInteger(n) || n < 0) bad(`shape entry '${s}' is not a size`);
    return n;
  });
  return { descr: descr ?? '', fortran: fortranText === 'True', shape };
}

/** The multi-dimensional index of flat (C-order) index `flat`. */
function unravel(flat: number, shape: readonly number[]): number[] {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d] ?? 1;
    idx.unshift(n === 0 ? 0 : flat % n);
    flat = n === 0 ? 0 : Math.floor(flat / n);
  }
  return idx;
}

function fortranToC(values: Float64Array, shape: number[]): Float64Array {
  const out = new Float64Array(values.length);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  for (let c = 0; c < values.length; c++) {
    let f = 0;
    let stride = 1;
    for (let d = 0; d < rank; d++) { f += (idx[d] ?? 0) * stride; stride *= shape[d] ?? 1; }
    out[c] = values[f] ?? 0;
    for (let d = rank - 1; d >= 0; d--) {
      idx[d] = (idx[d] ?? 0) + 1;
      if ((idx[d] ?? 0) < (shape[d] ?? 1)) break;
      idx[d] = 0;
    }
  }
  return out;
}
