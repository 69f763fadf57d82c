// LOGISTIC, TANH (gemmlowp fixed point in int8), RELU (requantizing) and RELU6 (clamp in input units), plus float.
import { relu6QuantParams, reluQuantParams, sigmoidQuantParams, type Op } from '../../model/index.js';
import { logisticFixed, mbqm, rdbpot, tanhFixed } from '../fixedpoint.js';
import type { EvalFn, OpContext } from '../op-context.js';

const INPUT_INTEGER_BITS = 4;

export function prepareActivation(ctx: OpContext<Op>): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'int8'], ['float32', 'float32']]);
  const n = ctx.elementCount(ctx.inputTensor(0));
  if (n !== ctx.elementCount(ctx.outputTensor())) throw ctx.unsupported('input and output sizes differ');
  const type = ctx.op.type;
  if (inT === 'float32') {
    const input = ctx.inputData(0, Float32Array);
    const out = ctx.outputData(Float32Array);
    const fn = floatFunction(type);
    return () => { for (let i = 0; i < n; i++) out[i] = fn(input[i]!); };
  }
  const input = ctx.inputData(0, Int8Array);
  const out = ctx.outputData(Int8Array);
  if (type === 'LOGISTIC' || type === 'TANH') {
    if (type === 'LOGISTIC' && ctx.outputTensor().quant?.zeroPoint[0] !== -128) {
      throw ctx.unsupported('int8 LOGISTIC output zero point must be -128');
    }
    const p = sigmoidQuantParams(ctx.inputTensor(0).quant, type);
    const isLogistic = type === 'LOGISTIC';
    return () => {
      for (let i = 0; i < n; i++) {
        const x = input[i]! - p.inputZeroPoint;
        if (x <= -p.inputRangeRadius) { out[i] = -128; continue; }
        if (x >= p.inputRangeRadius) { out[i] = 127; continue; }
        const q4 = mbqm(x, p.inputMultiplier, p.inputLeftShift);
        let v = isLogistic
          ? rdbpot(logisticFixed(q4, INPUT_INTEGER_BITS), 23) - 128
          : rdbpot(tanhFixed(q4, INPUT_INTEGER_BITS), 24);
        v = v < -128 ? -128 : v > 127 ? 127 : v;
        out[i] = v;
      }
    };
  }
  if (type === 'RELU') {
    const p = reluQuantParams(ctx.inputTensor(0).quant, ctx.outputTensor().quant);
    return () => {
      for (let i = 0; i < n; i++) {
        let v = p.outputZeroPoint + mbqm(input[i]! - p.inputZeroPoint, p.multiplier, p.shift);
        v = v < p.actMin ? p.actMin : v > p.actMax ? p.actMax : v;
        out[i] = v;
      }
    };
  }
  if (type === 'RELU6') {
    const { zero, six } = relu6QuantParams(ctx.inputTensor(0).quant);
    return () => {
      for (let i = 0; i < n; i++) {
        const v = input[i]!;
        out[i] = v > six ? six : v < zero ? zero : v;
      }
    };
  }
  throw ctx.unsupported(`not an activation op`);
}

function floatFunction(type: Op['type']): (x: number) => number {
  const f = Math.fround;
  switch (type) {
    case 'LOGISTIC':
      return (x) => (x > 16.619047164916992 ? 1 : x < -9 ? f(Math.exp(x)) : f(1 / f(1 + f(Math.exp(-x)))));
    case 'TANH':
      return (x) => f(Math.tanh(x));
    case 'RELU':
      return (x) => (x < 0 ? 0 : x);
    case 'RELU6':
      return (x) => (x > 6 ? 6 : x < 0 ? 0 : x);
    default:
      return (x) => x;
  }
}
