// Window geometry worked by hand for each windowed op, and each misfit reported through fail (never a wrong window).
import { describe, expect, it } from 'vitest';
import { windowGeometry, type Graph, type Op, type Tensor } from '../../core/model/index.js';

const t = (shape: number[]): Tensor => ({ name: 't', shape, dtype: 'float32' });
const conv = { padding: 'SAME', strideH: 2, strideW: 1, dilationH: 1, dilationW: 2, activation: 'NONE' } as const;
const graph = (op: Op, tensors: Tensor[]): Graph => ({ name: 'w', tensors, ops: [op], inputs: [0], outputs: [tensors.length - 1] });
const fail = (detail: string): never => { throw new Error(detail); };

describe('windowGeometry', () => {
  it('CONV_2D: grouped filter, SAME padding with dilation', () => {
    // H: 5 →(3 taps, s2) 3, total (3-1)*2+3-5 = 2 → top 1. W: 7 →(3 taps, d2: eff 5, s1) 7, total 4 → left 2.
    const op: Op = { type: 'CONV_2D', inputs: [0, 1, -1], outputs: [2], version: 1, options: conv };
    const g = windowGeometry(graph(op, [t([1, 5, 7, 4]), t([6, 3, 3, 2]), t([1, 3, 7, 6])]), op, fail);
    expect(g).toMatchObject({ outH: 3, outW: 7, filterInC: 2, padTop: 1, padLeft: 2, depthMultiplier: 1 });
  });

  it('DEPTHWISE_CONV_2D: the multiplier is output over input channels, and must match the declared one', () => {
    const op: Op = { type: 'DEPTHWISE_CONV_2D', inputs: [0, 1, -1], outputs: [2], version: 1, options: { ...conv, depthMultiplier: 3 } };
    const tensors = [t([1, 5, 7, 2]), t([1, 3, 3, 6]), t([1, 3, 7, 6])];
    expect(windowGeometry(graph(op, tensors), op, fail).depthMultiplier).toBe(3);
    const wrong: Op = { ...op, options: { ...op.options, depthMultiplier: 2 } };
    expect(() => windowGeometry(graph(wrong, tensors), wrong, fail)).toThrow('depth_multiplier 2 does not match 2 → 6 channels');
  });

  it('MAX_POOL_2D: VALID has no padding', () => {
    const op: Op = { type: 'MAX_POOL_2D', inputs: [0], outputs: [1], version: 1, options: { padding: 'VALID', strideH: 2, strideW: 2, filterH: 2, filterW: 2, activation: 'NONE' } };
    expect(windowGeometry(graph(op, [t([1, 5, 5, 3]), t([1, 2, 2, 3])]), op, fail)).toMatchObject({ outH: 2, padTop: 0, padLeft: 0 });
  });

  it('fails on an output the padding does not give, a zero stride, a channel change in pooling and a non-window op', () => {
    const pool = (o: Partial<Op['options']>, out: number[]): [Graph, Op] => {
      const op = { type: 'AVERAGE_POOL_2D', inputs: [0], outputs: [1], version: 1, options: { padding: 'SAME', strideH: 1, strideW: 1, filterH: 3, filterW: 3, activation: 'NONE', ...o } } as Op;
      return [graph(op, [t([1, 4, 4, 3]), t(out)]), op];
    };
    expect(() => windowGeometry(...pool({}, [1, 3, 4, 3]), fail)).toThrow('output is 3×4 but the SAME window gives 4×4');
    expect(() => windowGeometry(...pool({ strideW: 0 }, [1, 4, 4, 3]), fail)).toThrow('stride_w is 0; it must be a positive integer');
    expect(() => windowGeometry(...pool({}, [1, 4, 4, 2]), fail)).toThrow('pooling must keep the channel count');
    const relu: Op = { type: 'RELU', inputs: [0], outputs: [1], version: 1, options: {} };
    expect(() => windowGeometry(graph(relu, [t([1, 4, 4, 3]), t([1, 4, 4, 3])]), relu, fail)).toThrow('RELU is not a windowed op');
  });
});
