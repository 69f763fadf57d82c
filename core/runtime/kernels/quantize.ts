// QUANTIZE (float32→int8 AffineQuantize, int8→int8 Requantize) and DEQUANTIZE (int8/int16/uint8→float32).
import { requantizeParams, roundHalfAway, tensorParams, type Op } from '../../model/index.js';
import { mbqm } from '../fixedpoint.js';
import type { EvalFn, OpContext } from '../op-context.js';

const INT32_MIN = -2147483648;

/** float → int32 the way C's static_cast does on x86/Arm targets for in-range values; out-of-range gives INT32_MIN. */
function toInt32(x: number): number {
  return x >= -2147483648 && x < 2147483648 ? x : INT32_MIN;
}

export function prepareQuantize(ctx: OpContext<Op>): EvalFn {
  const [inT] = ctx.requireDTypes([['float32', 'int8'], ['int8', 'int8']]);
  const n = ctx.elementCount(ctx.inputTensor(0));
  if (n !== ctx.elementCount(ctx.outputTensor())) throw ctx.unsupported('input and output sizes differ');
  const oq = ctx.outputTensor().quant;
  if (!oq || oq.scale.length !== 1) throw ctx.unsupported('output must be per-tensor quantized');
  const out = ctx.outputData(Int8Array);
  if (inT === 'float32') {
    const { scale, zeroPoint } = tensorParams(oq, 'QUANTIZE output');
    const input = ctx.inputData(0, Float32Array);
    const f = Math.fround;
    return () => {
      for (let i = 0; i < n; i++) {
        let v = (toInt32(roundHalfAway(f(input[i]! / scale))) + zeroPoint) | 0;
        v = v < -128 ? -128 : v > 127 ? 127 : v;
        out[i] = v;
      }
    };
  }
  const p = requantizeParams(ctx.inputTensor(0).quant, oq);
  const input = ctx.inputData(0, Int8Array);
  return () => {
    for (let i = 0; i < n; i++) {
      let v = mbqm(input[i]! - p.inputZeroPoint, p.multiplier, p.shift) + p.outputZeroPoint;
      v = v < -128 ? -128 : v > 127 ? 127 : v;
      out[i] = v;
    }
  };
}

export function prepareDequantize(ctx: OpContext<Op>): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'float32'], ['int16', 'float32'], ['uint8', 'float32']]);
  const n = ctx.elementCount(ctx.inputTensor(0));
  if (n !== ctx.elementCount(ctx.outputTensor())) throw ctx.unsupported('input and output sizes differ');
  const iq = ctx.inputTensor(0).quant;
  if (!iq || iq.scale.length !== 1) throw ctx.unsupported('per-channel DEQUANTIZE is not supported');
  const { scale, zeroPoint } = tensorParams(iq, 'DEQUANTIZE input');
  const input = inT === 'int8' ? ctx.inputData(0, Int8Array) : inT === 'int16' ? ctx.inputData(0, Int16Array) : ctx.inputData(0, Uint8Array);
  const out = ctx.outputData(Float32Array);
  return () => {
    for (let i = 0; i < n; i++) out[i] = scale * (input[i]! - zeroPoint);
  };
}
