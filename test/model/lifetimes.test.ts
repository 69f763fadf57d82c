// Activation lifetimes worked by hand: RESHAPE shares a buffer, the no-overlap peak, and a malformed graph either
// refused (codegen's fail) or estimated (compress's best effort).
import { describe, expect, it } from 'vitest';
import {
  activationBuffers, liveBytesPerOp, noOverlapPeakBytes, type Graph, type Op, type Tensor,
} from '../../core/model/index.js';

const act = (bytes: number): Tensor => ({ name: 'a', shape: [bytes], dtype: 'int8', quant: { scale: [0.05], zeroPoint: [0], axis: 0 } });
const relu = (i: number, o: number): Op => ({ type: 'RELU', inputs: [i], outputs: [o], options: {}, version: 1 });
const reshape = (i: number, o: number): Op => ({ type: 'RESHAPE', inputs: [i], outputs: [o], options: { newShape: [-1] }, version: 1 });

/** 0 (10 B) →relu→ 1 (40 B) →reshape→ 2 (40 B, 1's buffer) →relu→ 3 (5 B). */
const chain: Graph = {
  name: 'chain', tensors: [act(10), act(40), act(40), act(5)],
  ops: [relu(0, 1), reshape(1, 2), relu(2, 3)], inputs: [0], outputs: [3],
};

const throwing = (message: string): never => { throw new Error(message); };

describe('activationBuffers', () => {
  it('gives a RESHAPE output its input\'s buffer and lives each buffer from its writer to its last reader', () => {
    const { buffers, bufferOf } = activationBuffers(chain);
    expect(bufferOf.get(2)).toBe(bufferOf.get(1));
    expect(buffers.map((b) => [b.bytes, b.first, b.last])).toEqual([[10, -1, 0], [40, 0, 2], [5, 2, 3]]);
    expect(liveBytesPerOp(buffers, 3)).toEqual([50, 40, 45]);
    expect(noOverlapPeakBytes(buffers, 3)).toBe(50);
  });

  it('counts every buffer when the graph has no ops', () => {
    const g: Graph = { name: 'none', tensors: [act(7)], ops: [], inputs: [0], outputs: [0] };
    expect(noOverlapPeakBytes(activationBuffers(g).buffers, 0)).toBe(7);
  });

  it('refuses a graph out of execution order with fail, and skips the bad read without it', () => {
    const g: Graph = { ...chain, ops: [relu(0, 1), relu(2, 3), reshape(1, 2)] };
    expect(() => activationBuffers(g, throwing)).toThrow('op 1 (RELU) reads tensor 2 before any op writes it');
    expect(noOverlapPeakBytes(activationBuffers(g).buffers, 3)).toBe(50);
  });

  it('refuses a tensor written twice and an output never written', () => {
    expect(() => activationBuffers({ ...chain, ops: [relu(0, 1), relu(0, 1)] }, throwing)).toThrow('tensor 1 is written twice (op 1)');
    expect(() => activationBuffers({ ...chain, ops: [relu(0, 1)] }, throwing)).toThrow('graph output 3 is never written');
  });
});
