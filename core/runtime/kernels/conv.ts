// CONV_2D: TFLM reference ConvPerChannel (int8, per-channel or broadcast per-tensor) and the float kernel.
import { activationRangeFloat, convQuantParams, windowGeometry, type OpOf } from '../../model/index.js';
import { mbqm } from '../fixedpoint.js';
import type { EvalFn, OpContext } from '../op-context.js';
import { checkActivation, int32Bias } from './common.js';

interface ConvGeometry {
  batches: number; inH: number; inW: number; inC: number;
  outH: number; outW: number; outC: number;
  fH: number; fW: number; fC: number; groups: number; perGroup: number;
  strideH: number; strideW: number; dilH: number; dilW: number; padTop: number; padLeft: number;
}

function geometry(ctx: OpContext<OpOf<'CONV_2D'>>): ConvGeometry {
  const g = windowGeometry(ctx.graph, ctx.op, (detail) => { throw ctx.unsupported(detail); });
  const groups = g.inC / g.filterInC;
  return {
    batches: g.batches, inH: g.inH, inW: g.inW, inC: g.inC, outH: g.outH, outW: g.outW, outC: g.outC,
    fH: g.filterH, fW: g.filterW, fC: g.filterInC, groups, perGroup: g.outC / groups,
    strideH: g.strideH, strideW: g.strideW, dilH: g.dilationH, dilW: g.dilationW, padTop: g.padTop, padLeft: g.padLeft,
  };
}

export function prepareConv2D(ctx: OpContext<OpOf<'CONV_2D'>>): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'int8', 'int32', 'int8'], ['int8', 'int8', 'int8'], ['float32', 'float32', 'float32', 'float32'], ['float32', 'float32', 'float32']]);
  checkActivation(ctx, ctx.op.options.activation);
  const g = geometry(ctx);
  return inT === 'int8' ? conv2DInt8(ctx, g) : conv2DFloat(ctx, g);
}

function conv2DInt8(ctx: OpContext<OpOf<'CONV_2D'>>, g: ConvGeometry): EvalFn {
  const q = convQuantParams(ctx.inputTensor(0).quant, ctx.inputTensor(1).quant, ctx.outputTensor().quant, g.outC, ctx.op.options.activation);
  const input = ctx.inputData(0, Int8Array);
  const filter = ctx.inputData(1, Int8Array);
  const bias = int32Bias(ctx, 2, g.outC);
  const output = ctx.outputData(Int8Array);
  const { multipliers, shifts, inputOffset, outputOffset, actMin, actMax } = q;
  const { batches, inH, inW, inC, outH, outW, outC, fH, fW, fC, perGroup, strideH, strideW, dilH, dilW, padTop, padLeft } = g;
  // The input with its offset already added, so the inner loop is one multiply-add per tap.
  const shifted = new Int32Array(input.length);
  return () => {
    for (let i = 0; i < input.length; i++) shifted[i] = input[i]! + inputOffset;
    let o = 0;
    for (let b = 0; b < batches; b++) {
      const inB = b * inH * inW * inC;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = oy * strideH - padTop;
        for (let ox = 0; ox < outW; ox++) {
          const x0 = ox * strideW - padLeft;
          for (let oc = 0; oc < outC; oc++) {
            const inCBase = inB + ((oc / perGroup) | 0) * fC;
            let acc = 0;
            for (let fy = 0; fy < fH; fy++) {
              const iy = y0 + dilH * fy;
              if (iy < 0 || iy >= inH) continue;
              for (let fx = 0; fx < fW; fx++) {
                const ix = x0 + dilW * fx;
                if (ix < 0 || ix >= inW) continue;
                const ip = inCBase + (iy * inW + ix) * inC;
                const fp = ((oc * fH + fy) * fW + fx) * fC;
                for (let ic = 0; ic < fC; ic++) acc += filter[fp + ic]! * shifted[ip + ic]!;
              }
            }
            if (bias) acc += bias[oc]!;
            let v = mbqm(acc | 0, multipliers[oc]!, shifts[oc]!) + outputOffset;
            v = v < actMin ? actMin : v > actMax ? actMax : v;
            output[o++] = v;
          }
        }
      }
    }
  };
}

function conv2DFloat(ctx: OpContext<OpOf<'CONV_2D'>>, g: ConvGeometry): EvalFn {
  const { min, max } = activationRangeFloat(ctx.op.options.activation);
  const input = ctx.inputData(0, Float32Array);
  const filter = ctx.inputData(1, Float32Array);
  const bias = ctx.hasInput(2) ? ctx.inputData(2, Float32Array) : undefined;
  const output = ctx.outputData(Float32Array);
  const f = Math.fround;
  return () => {
    let o = 0;
    for (let b = 0; b < g.batches; b++) {
      const inB = b * g.inH * g.inW * g.inC;
      for (let oy = 0; oy < g.outH; oy++) {
        const y0 = oy * g.strideH - g.padTop;
        for (let ox = 0; ox < g.outW; ox++) {
          const x0 = ox * g.strideW - g.padLeft;
          for (let oc = 0; oc < g.outC; oc++) {
            const inCBase = ((oc / g.perGroup) | 0) * g.fC;
            let acc = 0;
            for (let fy = 0; fy < g.fH; fy++) {
              const iy = y0 + g.dilH * fy;
              if (iy < 0 || iy >= g.inH) continue;
              for (let fx = 0; fx < g.fW; fx++) {
                const ix = x0 + g.dilW * fx;
                if (ix < 0 || ix >= g.inW) continue;
                const ip = inB + (iy * g.inW + ix) * g.inC + inCBase;
                const fp = ((oc * g.fH + fy) * g.fW + fx) * g.fC;
                for (let ic = 0; ic < g.fC; ic++) acc = f(acc + f(input[ip + ic]! * filter[fp + ic]!));
              }
            }
            if (bias) acc = f(acc + bias[oc]!);
            output[o++] = acc < min ? min : acc > max ? max : acc;
          }
        }
      }
    }
  };
}
