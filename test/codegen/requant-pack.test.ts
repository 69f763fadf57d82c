// Packing of per-channel requantization constants: every table decodes back exactly, equal channels cost no bytes,
// float32-derived scales cost about 24 bits, tables the kernel cannot decode are refused, and ops whose cheap outputs
// a decode would slow keep the fast plain layout.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import {
  chooseRequantLayout, generateNativeModel, MAX_DECODES_PER_SAVED_BYTE, MAX_OP_SLOWDOWN, packRequant, unpackRequant,
} from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { quantizeMultiplier } from '../../core/model/index.js';
import { mulberry32 } from '../support/random.js';
import { sharedModel } from '../support/tools.js';

/** Multipliers and shifts of `n` channels with float32 filter scales around `scale` (as a per-channel conv has). */
function float32Table(rand: () => number, n: number, scale: number): { multipliers: number[]; shifts: number[] } {
  const q = Array.from({ length: n }, () => quantizeMultiplier(Math.fround(scale * (0.25 + rand() * 4))));
  return { multipliers: q.map((x) => x.multiplier), shifts: q.map((x) => x.shift) };
}

function roundTrips(multipliers: readonly number[], shifts: readonly number[]): void {
  const p = packRequant(multipliers, shifts, 'test');
  multipliers.forEach((m, c) => expect(unpackRequant(p, c)).toEqual({ multiplier: m, shift: shifts[c] }));
}

describe('packRequant', () => {
  it('channels that share one multiplier and shift cost no bytes', () => {
    const p = packRequant([1_300_000_000, 1_300_000_000, 1_300_000_000], [-7, -7, -7], 'test');
    expect(p).toMatchObject({ multBase: 1_300_000_000, shiftBase: -7, multBits: 0, shiftBits: 0 });
    expect(p.bytes.length).toBe(0);
  });

  it('float32 scales keep their 24 significant bits: 23 payload bits above 7 zero bits, plus the shift spread', () => {
    const { multipliers, shifts } = float32Table(mulberry32(5), 64, 0.004);
    const p = packRequant(multipliers, shifts, 'test');
    expect(p.multZeros).toBeGreaterThanOrEqual(7);
    expect(p.multBits + p.multZeros).toBeLessThanOrEqual(30);
    expect(p.shiftBits).toBe(Math.ceil(Math.log2(Math.max(...shifts) - Math.min(...shifts) + 1)));
    // The last entry is read 5 bytes at a time from the byte holding its first bit.
    expect(p.bytes.length).toBe(Math.floor((63 * (p.multBits + p.shiftBits)) / 8) + 5);
    roundTrips(multipliers, shifts);
  });

  it('full-width multipliers with shifts over the whole range (entries wider than 32 bits) round-trip', () => {
    const rand = mulberry32(9);
    const multipliers = Array.from({ length: 37 }, () => 1_073_741_824 + Math.floor(rand() * 1_073_741_823));
    const shifts = Array.from({ length: 37 }, (_, c) => (c === 0 ? -31 : c === 1 ? 30 : Math.floor(rand() * 62) - 31));
    const p = packRequant(multipliers, shifts, 'test');
    expect(p.multBits + p.shiftBits).toBeGreaterThan(32);
    roundTrips(multipliers, shifts);
  });

  it('zero multipliers (scales too small to represent) round-trip beside normal ones', () => {
    roundTrips([0, 1_500_000_000, 0, 1_073_741_824], [0, -3, 0, -9]);
  });

  it('refuses multipliers spread over more than 31 bits with an internal error', () => {
    expect(() => packRequant([-1_000_000_000, 2_000_000_000], [0, 0], 'op3_requant')).toThrow(TinyDeployError);
    try {
      packRequant([-1_000_000_000, 2_000_000_000], [0, 0], 'op3_requant');
    } catch (err) {
      expect((err as TinyDeployError).code).toBe(ErrorCode.Internal);
      expect((err as TinyDeployError).message).toMatch(/^op3_requant: /);
    }
  });

  it('person_detect: 2,738 channels of constants take under 11.1 KB instead of 13,690 B (int32 + int8 each)', () => {
    const { report, source } = generateNativeModel(readTflite(readFileSync(sharedModel('person_detect.tflite'))), { prefix: 'm' });
    expect(report.constantBytes).toBeLessThan(11_100);
    // Packed: pointwise convolutions over 128+ channels (outputs dear anyway) and the small last depthwise layers;
    // plain: the 48x48 first layer and the 6x6 depthwise layers, whose 9-tap outputs a decode would slow by half.
    for (const k of [14, 24, 25, 26]) expect(source).toContain(`m_op${k}_requant[`);
    for (const k of [0, 13]) expect(source).toContain(`m_op${k}_requant_mult[`);
    const packed = generateNativeModel(readTflite(readFileSync(sharedModel('person_detect.tflite'))), { prefix: 'm', requantLayout: 'packed' });
    expect(packed.report.constantBytes).toBeLessThan(8_900);
    expect(packed.report.constantBytes).toBeGreaterThan((2_738 * 23) / 8);
  });

  it('packs where outputs are dear anyway or few for the bytes saved, else keeps the plain layout', () => {
    const { multipliers, shifts } = float32Table(mulberry32(2), 16, 0.004);
    const saved = 16 * 5 - packRequant(multipliers, shifts, 't').bytes.length;
    // A 1x1 convolution over 256 channels: a decode adds under MAX_OP_SLOWDOWN to each output.
    expect(chooseRequantLayout(multipliers, shifts, { decodes: 1e6, macsPerOutput: 256 }, 't')).not.toBe('plain');
    // A 3x3 depthwise layer: packed only while it needs at most MAX_DECODES_PER_SAVED_BYTE decodes per byte saved.
    const few = saved * MAX_DECODES_PER_SAVED_BYTE;
    expect(chooseRequantLayout(multipliers, shifts, { decodes: few, macsPerOutput: 9 }, 't')).not.toBe('plain');
    expect(chooseRequantLayout(multipliers, shifts, { decodes: few + 1, macsPerOutput: 9 }, 't')).toBe('plain');
    expect(MAX_OP_SLOWDOWN).toBeLessThanOrEqual(0.1);
    // Shared constants need no table at all, however often they are used.
    expect(chooseRequantLayout([5, 5], [1, 1], { decodes: 1e9, macsPerOutput: 1 }, 't')).toMatchObject({ multBits: 0, shiftBits: 0 });
  });
});
