// MEAN: TFLM reference QuantizedMeanOrSum (int32 sums, 1/count folded into the multiplier) and the float mean.
import { meanQuantParams, type OpOf } from '../../model/index.js';
import { mbqm } from '../fixedpoint.js';
import type { EvalFn, OpContext } from '../op-context.js';
import { stridesOf } from './common.js';

type MeanCtx = OpContext<OpOf<'MEAN'>>;

/** For each input element, the flat index of the output element it contributes to. */
function reductionMap(shape: readonly number[], axes: readonly number[]): { map: Int32Array; outCount: number; count: number } {
  const rank = shape.length;
  const keep = shape.map((_, d) => !axes.includes(d));
  const keptShape = shape.filter((_, d) => keep[d]);
  const keptStrides = stridesOf(keptShape);
  const outStride = new Array<number>(rank).fill(0);
  let k = 0;
  for (let d = 0; d < rank; d++) if (keep[d]) outStride[d] = keptStrides[k++]!;
  const total = shape.reduce((a, b) => a * b, 1);
  const map = new Int32Array(total);
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  for (let i = 0; i < total; i++) {
    map[i] = off;
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      off += outStride[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= outStride[d]! * idx[d]!;
      idx[d] = 0;
    }
  }
  const outCount = keptShape.reduce((a, b) => a * b, 1);
  const count = axes.reduce((a, d) => a * shape[d]!, 1);
  return { map, outCount, count };
}

export function prepareMean(ctx: MeanCtx): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'int32', 'int8'], ['float32', 'int32', 'float32']]);
  const shape = ctx.inputTensor(0).shape;
  const rank = shape.length;
  const axes: number[] = [];
  for (const a of ctx.constantInts(1, 'axis')) {
    const r = a < 0 ? a + rank : a;
    if (r < 0 || r >= rank) throw ctx.unsupported(`axis ${a} is out of range for rank ${rank}`);
    if (!axes.includes(r)) axes.push(r);
  }
  const { map, outCount, count } = reductionMap(shape, axes);
  if (outCount !== ctx.elementCount(ctx.outputTensor())) {
    throw ctx.unsupported(`output [${ctx.outputTensor().shape.join(',')}] does not match the reduction of [${shape.join(',')}]`);
  }
  const n = map.length;
  if (inT === 'float32') {
    const input = ctx.inputData(0, Float32Array);
    const out = ctx.outputData(Float32Array);
    const f = Math.fround;
    return () => {
      out.fill(0);
      if (n === 0) return;
      for (let i = 0; i < n; i++) out[map[i]!] = f(out[map[i]!]! + input[i]!);
      if (count > 0) for (let o = 0; o < outCount; o++) out[o] = f(out[o]! / count);
    };
  }
  const p = meanQuantParams(ctx.inputTensor(0).quant, ctx.outputTensor().quant, count);
  const input = ctx.inputData(0, Int8Array);
  const out = ctx.outputData(Int8Array);
  const sums = new Int32Array(outCount);
  const zpTimesCount = p.inputZeroPoint * count;
  return () => {
    out.fill(0);
    if (n === 0 || count === 0) return;
    sums.fill(0);
    for (let i = 0; i < n; i++) sums[map[i]!] += input[i]!;
    for (let o = 0; o < outCount; o++) {
      let v = mbqm((sums[o]! - zpTimesCount) | 0, p.multiplier, p.shift) + p.outputZeroPoint;
      v = v < -128 ? -128 : v > 127 ? 127 : v;
      out[o] = v;
    }
  };
}
