// Zip archives (.keras, .npz) read defensively: sizes, ratios and entry counts are checked from the central
// directory before anything is inflated, and enforced again while inflating in case a header lies.
import { Inflate } from 'fflate';
import { DEFAULT_BUDGET_BYTES } from '../model/index.js';

export interface ZipLimits {
  /** Largest uncompressed entry. */
  maxEntryBytes: number;
  /** Largest total of the entries read. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio, for entries above ratioFloorBytes (deflate bombs reach ~1000:1). */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: DEFAULT_BUDGET_BYTES, maxTotalBytes: DEFAULT_BUDGET_BYTES, maxRatio: 200, ratioFloorBytes: 1 << 20, maxEntries: 4096,
};

export interface ZipEntry { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number; dataStart: number }

/** Raised for any problem; the caller turns it into its own typed error (model or dataset). */
export class ZipProblem extends Error {}

const MIB = 1 << 20;
const size = (n: number): string => (n >= MIB ? `${(n / MIB).toFixed(1)} MiB` : `${n} bytes`);
/** Inflate input slices of this size can produce at most ~16 MiB each, so a lying entry is stopped early. */
const SLICE = 16 * 1024;

function reader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (pos: number, len: number, what: string): void => {
    if (!(pos >= 0 && len >= 0 && pos + len <= bytes.length)) throw new ZipProblem(`${what} lies outside the file (byte ${pos}, ${bytes.length} bytes in all)`);
  };
  return {
    need,
    u16: (p: number, what: string): number => { need(p, 2, what); return view.getUint16(p, true); },
    u32: (p: number, what: string): number => { need(p, 4, what); return view.getUint32(p, true); },
    u64: (p: number, what: string): number => { need(p, 8, what); return Number(view.getBigUint64(p, true)); },
  };
}

/** The central directory's entries, each checked to lie inside the file without overlapping another. */
export function listZipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const r = reader(bytes);
  let e = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  while (e >= stop && !(bytes[e] === 0x50 && bytes[e + 1] === 0x4b && bytes[e + 2] === 5 && bytes[e + 3] === 6)) e--;
  if (e < stop) throw new ZipProblem('it is not a zip archive (no end-of-central-directory record)');
  let count = r.u16(e + 10, 'the entry count');
  let cdOffset = r.u32(e + 16, 'the central directory offset');
  if ((count === 0xffff || cdOffset === 0xffffffff) && e >= 20 && r.u32(e - 20, 'the zip64 locator') === 0x07064b50) {
    const z = r.u64(e - 12, 'the zip64 record offset');
    if (r.u32(z, 'the zip64 record') !== 0x06064b50) throw new ZipProblem('the zip64 end record is missing');
    count = r.u64(z + 32, 'the zip64 entry count');
    cdOffset = r.u64(z + 48, 'the zip64 central directory offset');
  }
  if (count > limits.maxEntries) throw new ZipProblem(`it declares ${count} entries, over the limit of ${limits.maxEntries}`);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (r.u32(p, `central directory entry ${i}`) !== 0x02014b50) throw new ZipProblem(`central directory entry ${i} has a bad signature`);
    const flags = r.u16(p + 8, 'flags');
    const method = r.u16(p + 10, 'method');
    let compressedSize = r.u32(p + 20, 'compressed size');
    let size = r.u32(p + 24, 'size');
    const nameLen = r.u16(p + 28, 'name length');
    const extraLen = r.u16(p + 30, 'extra length');
    const commentLen = r.u16(p + 32, 'comment length');
    let local = r.u32(p + 42, 'local header offset');
    r.need(p + 46, nameLen + extraLen, `central directory entry ${i}'s name`);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // Zip64: the sizes and offset that read 0xffffffff come from the 0x0001 extra field, in that order.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen;) {
      const id = r.u16(x, 'extra id');
      const len = r.u16(x + 2, 'extra length');
      if (id === 1) {
        let q = x + 4;
        if (size === 0xffffffff) { size = r.u64(q, 'zip64 size'); q += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = r.u64(q, 'zip64 compressed size'); q += 8; }
        if (local === 0xffffffff) { local = r.u64(q, 'zip64 offset'); }
      }
      x += 4 + len;
    }
    if (r.u32(local, `entry "${name}"'s local header`) !== 0x04034b50) throw new ZipProblem(`entry "${name}" has no local header at byte ${local}`);
    const dataStart = local + 30 + r.u16(local + 26, 'name length') + r.u16(local + 28, 'extra length');
    r.need(dataStart, compressedSize, `entry "${name}"'s data`);
    entries.push({ name, method, flags, compressedSize, size, localOffset: local, dataStart });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // Entries that share bytes are how non-recursive zip bombs multiply one payload: refuse any overlap.
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (sorted[i]!.localOffset < prev.dataStart + prev.compressedSize) throw new ZipProblem(`entries "${prev.name}" and "${sorted[i]!.name}" overlap`);
  }
  return entries;
}

function checkDeclared(e: ZipEntry, limits: ZipLimits): void {
  if (e.flags & 1) throw new ZipProblem(`entry "${e.name}" is encrypted`);
  if (e.method !== 0 && e.method !== 8) throw new ZipProblem(`entry "${e.name}" uses compression method ${e.method} (only stored and deflate are read)`);
  if (e.size > limits.maxEntryBytes) throw new ZipProblem(`entry "${e.name}" declares ${size(e.size)} uncompressed, over the ${size(limits.maxEntryBytes)} limit per entry`);
  if (e.method === 0 && e.size !== e.compressedSize) throw new ZipProblem(`stored entry "${e.name}" declares ${e.size} bytes but holds ${e.compressedSize}`);
  if (e.size > limits.ratioFloorBytes && e.size > limits.maxRatio * e.compressedSize) {
    throw new ZipProblem(`entry "${e.name}" would inflate ${size(e.compressedSize)} to ${size(e.size)} (${Math.round(e.size / Math.max(1, e.compressedSize))}:1), over the ${limits.maxRatio}:1 ratio limit`);
  }
}

/** One entry's bytes, never more than it declared: inflation stops as soon as the output passes that size. */
function inflateEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) return data.slice();
  const out = new Uint8Array(e.size);
  let got = 0;
  const inflater = new Inflate((chunk) => {
    if (got + chunk.length > e.size) throw new ZipProblem(`entry "${e.name}" inflates to more than the ${size(e.size)} it declares`);
    out.set(chunk, got);
    got += chunk.length;
  });
  try {
    for (let at = 0; at < data.length; at += SLICE) inflater.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (cause) {
    if (cause instanceof ZipProblem) throw cause;
    throw new ZipProblem(`entry "${e.name}" is not valid deflate data (${(cause as Error).message})`);
  }
  if (got !== e.size) throw new ZipProblem(`entry "${e.name}" inflates to ${got} bytes, not the ${e.size} it declares`);
  return out;
}

/** The entries `wanted` selects (default all), by name; throws ZipProblem naming the entry and the limit. */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean = () => true, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Record<string, Uint8Array> {
  const entries = listZipEntries(bytes, limits).filter((e) => wanted(e.name));
  let total = 0;
  for (const e of entries) {
    checkDeclared(e, limits);
    total += e.size;
    if (total > limits.maxTotalBytes) throw new ZipProblem(`its entries up to "${e.name}" declare ${size(total)} uncompressed, over the ${size(limits.maxTotalBytes)} limit per archive`);
  }
  const out: Record<string, Uint8Array> = {};
  for (const e of entries) out[e.name] = inflateEntry(bytes, e);
  return out;
}
