// ADD and MUL: TFLM reference AddFunc (left shift 20, three multipliers) and MulElementwise, with broadcasting.
import { activationRangeFloat, addQuantParams, mulQuantParams, type OpOf } from '../../model/index.js';
import { mbqm, rdbpot, srdhm } from '../fixedpoint.js';
import type { EvalFn, OpContext } from '../op-context.js';
import { broadcastable, broadcastIndex } from './broadcast.js';
import { checkActivation } from './common.js';

type ArithCtx = OpContext<OpOf<'ADD'>> | OpContext<OpOf<'MUL'>>;

export function prepareArithmetic(ctx: ArithCtx): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'int8', 'int8'], ['float32', 'float32', 'float32']]);
  const activation = ctx.op.options.activation;
  checkActivation(ctx, activation);
  const outS = ctx.outputTensor().shape;
  const s1 = ctx.inputTensor(0).shape;
  const s2 = ctx.inputTensor(1).shape;
  if (!broadcastable(s1, outS) || !broadcastable(s2, outS)) {
    throw ctx.unsupported(`shapes [${s1.join(',')}] and [${s2.join(',')}] do not broadcast to [${outS.join(',')}]`);
  }
  const map1 = broadcastIndex(s1, outS);
  const map2 = broadcastIndex(s2, outS);
  const n = ctx.elementCount(ctx.outputTensor());
  const isAdd = ctx.op.type === 'ADD';
  if (inT === 'float32') {
    const a = ctx.inputData(0, Float32Array);
    const b = ctx.inputData(1, Float32Array);
    const out = ctx.outputData(Float32Array);
    const { min, max } = activationRangeFloat(activation);
    const f = Math.fround;
    return () => {
      for (let i = 0; i < n; i++) {
        const x = a[map1 ? map1[i]! : i]!;
        const y = b[map2 ? map2[i]! : i]!;
        const v = isAdd ? f(x + y) : f(x * y);
        out[i] = v < min ? min : v > max ? max : v;
      }
    };
  }
  const a = ctx.inputData(0, Int8Array);
  const b = ctx.inputData(1, Int8Array);
  const out = ctx.outputData(Int8Array);
  const q1 = ctx.inputTensor(0).quant;
  const q2 = ctx.inputTensor(1).quant;
  const qo = ctx.outputTensor().quant;
  if (isAdd) {
    const p = addQuantParams(q1, q2, qo, activation);
    const m1 = p.input1.multiplier; const sh1 = -p.input1.shift;
    const m2 = p.input2.multiplier; const sh2 = -p.input2.shift;
    const mo = p.output.multiplier; const sho = -p.output.shift;
    const ls = p.leftShift;
    return () => {
      for (let i = 0; i < n; i++) {
        const x = (a[map1 ? map1[i]! : i]! + p.input1Offset) << ls;
        const y = (b[map2 ? map2[i]! : i]! + p.input2Offset) << ls;
        const sum = (rdbpot(srdhm(x, m1), sh1) + rdbpot(srdhm(y, m2), sh2)) | 0;
        let v = rdbpot(srdhm(sum, mo), sho) + p.outputOffset;
        v = v < p.actMin ? p.actMin : v > p.actMax ? p.actMax : v;
        out[i] = v;
      }
    };
  }
  const p = mulQuantParams(q1, q2, qo, activation);
  const m = p.output.multiplier;
  const sh = p.output.shift;
  return () => {
    for (let i = 0; i < n; i++) {
      const x = a[map1 ? map1[i]! : i]! + p.input1Offset;
      const y = b[map2 ? map2[i]! : i]! + p.input2Offset;
      let v = mbqm(x * y, m, sh) + p.outputOffset;
      v = v < p.actMin ? p.actMin : v > p.actMax ? p.actMax : v;
      out[i] = v;
    }
  };
}
