// SOFTMAX over the last axis: TFLM reference int8 (gemmlowp exp, Q12.19 sum, reciprocal) and float with beta.
import { softmaxQuantParams, type OpOf } from '../../model/index.js';
import { expOnNegativeValues, getReciprocal, mbqmGreaterThanOne, rdbpot, srdhm } from '../fixedpoint.js';
import type { EvalFn, OpContext } from '../op-context.js';

type SoftmaxCtx = OpContext<OpOf<'SOFTMAX'>>;

const SCALED_DIFF_INTEGER_BITS = 5;
const ACCUMULATION_INTEGER_BITS = 12;

export function prepareSoftmax(ctx: SoftmaxCtx): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'int8'], ['float32', 'float32']]);
  const shape = ctx.inputTensor(0).shape;
  if (shape.length < 1) throw ctx.unsupported('input must have at least one dimension');
  const depth = shape[shape.length - 1]!;
  const n = ctx.elementCount(ctx.inputTensor(0));
  if (n !== ctx.elementCount(ctx.outputTensor())) throw ctx.unsupported('input and output sizes differ');
  const rows = depth > 0 ? n / depth : 0;
  const beta = ctx.op.options.beta;
  if (inT === 'float32') {
    const input = ctx.inputData(0, Float32Array);
    const out = ctx.outputData(Float32Array);
    const f = Math.fround;
    const fb = f(beta);
    return () => {
      for (let r = 0; r < rows; r++) {
        const base = r * depth;
        let max = -3.4028234663852886e38;
        for (let c = 0; c < depth; c++) if (input[base + c]! > max) max = input[base + c]!;
        let sum = 0;
        for (let c = 0; c < depth; c++) {
          const e = f(Math.exp(f(f(input[base + c]! - max) * fb)));
          out[base + c] = e;
          sum = f(sum + e);
        }
        for (let c = 0; c < depth; c++) out[base + c] = f(out[base + c]! / sum);
      }
    };
  }
  const p = softmaxQuantParams(ctx.inputTensor(0).quant, ctx.outputTensor().quant, beta);
  const input = ctx.inputData(0, Int8Array);
  const out = ctx.outputData(Int8Array);
  const { inputMultiplier, inputLeftShift, diffMin } = p;
  return () => {
    for (let r = 0; r < rows; r++) {
      const base = r * depth;
      let max = -128;
      for (let c = 0; c < depth; c++) if (input[base + c]! > max) max = input[base + c]!;
      let sum = 0;
      for (let c = 0; c < depth; c++) {
        const diff = input[base + c]! - max;
        if (diff >= diffMin) {
          const scaled = mbqmGreaterThanOne(diff, inputMultiplier, inputLeftShift);
          sum = (sum + rdbpot(expOnNegativeValues(scaled, SCALED_DIFF_INTEGER_BITS), ACCUMULATION_INTEGER_BITS)) | 0;
        }
      }
      const { scale, bitsOverUnit } = getReciprocal(sum, ACCUMULATION_INTEGER_BITS);
      const exponent = bitsOverUnit + 31 - 8;
      if (exponent < 0 || exponent > 31) throw ctx.unsupported(`row sum of exponentials overflows (${depth} classes)`);
      for (let c = 0; c < depth; c++) {
        const diff = input[base + c]! - max;
        if (diff >= diffMin) {
          const scaled = mbqmGreaterThanOne(diff, inputMultiplier, inputLeftShift);
          const e = expOnNegativeValues(scaled, SCALED_DIFF_INTEGER_BITS);
          let v = rdbpot(srdhm(scale, e), exponent) - 128;
          v = v < -128 ? -128 : v > 127 ? 127 : v;
          out[base + c] = v;
        } else {
          out[base + c] = -128;
        }
      }
    }
  };
}
