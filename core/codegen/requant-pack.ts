// Packs an op's per-channel requantization multipliers and shifts into the bit stream native/kernels/td_requant.h
// reads: each multiplier as its offset from the layer's smallest one (without the trailing zero bits every offset
// shares), each shift as its offset from the smallest shift. Equal channels cost nothing; float32 scales cost ~24
// bits instead of 40. Decoding costs time on every output, so an op keeps the plain layout (int32 multiplier, int8
// shift) unless its outputs are expensive anyway (many multiply-accumulates each) or few for the bytes saved.
import { ErrorCode, TinyDeployError } from '../api/index.js';

export interface PackedRequant {
  multBase: number;
  shiftBase: number;
  /** Bits of each multiplier's payload, and the zero bits below it. */
  multBits: number;
  multZeros: number;
  shiftBits: number;
  /** The packed entries, padded for the kernel's 5-byte reads; empty when every channel shares one pair. */
  bytes: Uint8Array;
}

const bitLength = (v: number): number => (v === 0 ? 0 : Math.floor(Math.log2(v)) + 1);

function trailingZeros(v: number): number {
  let n = 0;
  while (v % 2 === 0 && n < 31) { v /= 2; n++; }
  return n;
}

/** The bit positions the kernel reads for channel c (see td_requant_at). */
function readPositions(c: number, p: Pick<PackedRequant, 'multBits' | 'shiftBits'>): number[] {
  const width = p.multBits + p.shiftBits;
  return width <= 32 ? [c * width] : [c * width, c * width + p.multBits];
}

function readBits(bytes: Uint8Array, pos: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v += ((bytes[(pos + i) >> 3]! >> ((pos + i) & 7)) & 1) * 2 ** i;
  return v;
}

/** Channel c's multiplier and shift as the kernel decodes them (used to check every packing). */
export function unpackRequant(p: PackedRequant, c: number): { multiplier: number; shift: number } {
  if (p.bytes.length === 0) return { multiplier: p.multBase, shift: p.shiftBase };
  const pos = c * (p.multBits + p.shiftBits);
  return {
    multiplier: p.multBase + readBits(p.bytes, pos, p.multBits) * 2 ** p.multZeros,
    shift: p.shiftBase + readBits(p.bytes, pos + p.multBits, p.shiftBits),
  };
}

export function packRequant(multipliers: ArrayLike<number>, shifts: ArrayLike<number>, what: string): PackedRequant {
  const n = multipliers.length;
  const m = Array.from(multipliers);
  const s = Array.from(shifts);
  const multBase = Math.min(...m);
  const shiftBase = Math.min(...s);
  const offsets = m.map((x) => x - multBase);
  const multZeros = Math.min(31, ...offsets.filter((d) => d > 0).map(trailingZeros));
  const payloads = offsets.map((d) => d / 2 ** multZeros);
  const multBits = bitLength(Math.max(...payloads));
  const shiftBits = bitLength(Math.max(...s) - shiftBase);
  // The kernel's masks and shifts are defined for these widths only (a multiplier is below 2^31, a shift in ±31).
  if (multBits + multZeros > 31 || shiftBits > 6) {
    throw new TinyDeployError(ErrorCode.Internal, `${what}: requantization constants out of range (multipliers ${multBase}…, shifts ${shiftBase}…)`);
  }
  const packed: PackedRequant = { multBase, shiftBase, multBits, multZeros, shiftBits, bytes: new Uint8Array(0) };
  const width = multBits + shiftBits;
  if (width === 0) return packed;
  let length = 0;
  for (let c = 0; c < n; c++) for (const pos of readPositions(c, packed)) length = Math.max(length, (pos >> 3) + 5);
  const bytes = new Uint8Array(length);
  const put = (pos: number, value: number, bits: number): void => {
    for (let i = 0; i < bits; i++) if (Math.floor(value / 2 ** i) % 2 === 1) bytes[(pos + i) >> 3]! |= 1 << ((pos + i) & 7);
  };
  for (let c = 0; c < n; c++) {
    put(c * width, payloads[c]!, multBits);
    put(c * width + multBits, s[c]! - shiftBase, shiftBits);
  }
  packed.bytes = bytes;
  for (let c = 0; c < n; c++) {
    const back = unpackRequant(packed, c);
    if (back.multiplier !== m[c] || back.shift !== s[c]) {
      throw new TinyDeployError(ErrorCode.Internal, `${what}: packed requantization constants of channel ${c} do not decode back`);
    }
  }
  return packed;
}

/**
 * 'auto' picks per op (chooseRequantLayout), and plain everywhere when packing saves less than the decoder costs;
 * 'plain' and 'packed' force one layout (benchmarks compare them). Channels that all share one pair never need a table.
 */
export type RequantLayoutChoice = 'auto' | 'plain' | 'packed';

/** Flash the packed decoder (td_requant_packed with its bit reader) takes: ~300 B on a Cortex-M4, ~400 B on AVR. */
export const PACKED_DECODER_BYTES = 400;

/** Estimated Cortex-M4 instructions: a packed decode, a plain requantization, one multiply-accumulate (bench:cycles). */
export const DECODE_INSTRUCTIONS = 50;
const REQUANT_INSTRUCTIONS = 40;
const MAC_INSTRUCTIONS = 4;
/** Packing may slow an op down by this fraction at most… */
export const MAX_OP_SLOWDOWN = 0.1;
/** …unless it costs at most this many decodes per inference for each byte it saves (a negligible time). */
export const MAX_DECODES_PER_SAVED_BYTE = 8;

/** How often an op requantizes per inference, and the multiply-accumulates behind each output. */
export interface RequantUse { decodes: number; macsPerOutput: number }

/** The layout td_requant_at reads for an op that uses its constants as `use` says. */
export function chooseRequantLayout(multipliers: ArrayLike<number>, shifts: ArrayLike<number>, use: RequantUse, what: string): PackedRequant | 'plain' {
  const packed = packRequant(multipliers, shifts, what);
  const saved = multipliers.length * 5 - packed.bytes.length;
  if (packed.bytes.length === 0) return packed;
  const slowdown = DECODE_INSTRUCTIONS / (REQUANT_INSTRUCTIONS + MAC_INSTRUCTIONS * use.macsPerOutput);
  if (saved > 0 && (slowdown <= MAX_OP_SLOWDOWN || use.decodes <= saved * MAX_DECODES_PER_SAVED_BYTE)) return packed;
  return 'plain';
}
