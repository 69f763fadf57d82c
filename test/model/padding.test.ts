// Window arithmetic (tflite padding.h) worked by hand, and constant-int decoding fed int64, other dtypes and no data.
import { describe, expect, it } from 'vitest';
import { constInts, padBefore, windowOutSize, type Tensor } from '../../core/model/index.js';

describe('padding arithmetic (tflite padding.h)', () => {
  it('SAME is ceil(in/stride); VALID is floor((in+stride-eff)/stride) with eff=(f-1)d+1', () => {
    expect(windowOutSize('SAME', 96, 3, 2)).toBe(48);
    expect(windowOutSize('SAME', 97, 3, 2)).toBe(49);
    expect(windowOutSize('VALID', 96, 3, 2)).toBe(47);
    expect(windowOutSize('VALID', 10, 3, 1, 2)).toBe(6); // eff 5
    expect(windowOutSize('SAME', 49, 10, 2)).toBe(25);
  });

  it('puts the smaller half of the total padding before, the odd pixel after', () => {
    expect(padBefore('SAME', 5, 3, 2)).toBe(1); // out 3, total 2
    expect(padBefore('SAME', 4, 3, 2)).toBe(0); // out 2, total 1: all after
    expect(padBefore('SAME', 49, 10, 2)).toBe(4); // out 25, total 9
    expect(padBefore('SAME', 7, 3, 1, 2)).toBe(2); // eff 5, out 7, total 4
    expect(padBefore('VALID', 5, 3, 1)).toBe(0);
  });
});

describe('constInts', () => {
  const tensor = (dtype: Tensor['dtype'], data?: Uint8Array): Tensor => ({ name: 'c', shape: [2], dtype, data });

  it('decodes little-endian int32 and int64 values', () => {
    expect(constInts(tensor('int32', new Uint8Array(new Int32Array([-1, 7]).buffer)))).toEqual([-1, 7]);
    expect(constInts(tensor('int64', new Uint8Array(new BigInt64Array([-2n, 2n ** 33n]).buffer)))).toEqual([-2, 2 ** 33]);
  });

  it('gives null for a tensor without data, of another dtype, or absent', () => {
    expect(constInts(tensor('int32'))).toBeNull();
    expect(constInts(tensor('float32', new Uint8Array(8)))).toBeNull();
    expect(constInts(undefined)).toBeNull();
  });

  it('reads only whole values from a truncated buffer', () => {
    expect(constInts(tensor('int32', new Uint8Array([1, 0, 0, 0, 9, 9])))).toEqual([1]);
  });
});
