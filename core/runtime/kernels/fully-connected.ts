// FULLY_CONNECTED: TFLM reference FullyConnected (per-tensor, with filter offset) / FullyConnectedPerChannel, and float.
import { activationRangeFloat, fullyConnectedQuantParams, type OpOf } from '../../model/index.js';
import { mbqm } from '../fixedpoint.js';
import type { EvalFn, OpContext } from '../op-context.js';
import { checkActivation, int32Bias } from './common.js';

type FcCtx = OpContext<OpOf<'FULLY_CONNECTED'>>;

interface FcGeometry { batches: number; depth: number; outDepth: number }

function geometry(ctx: FcCtx): FcGeometry {
  const fS = ctx.inputTensor(1).shape;
  const outS = ctx.outputTensor().shape;
  const depth = fS[fS.length - 1] ?? 0;
  const outDepth = outS[outS.length - 1] ?? 0;
  const inCount = ctx.elementCount(ctx.inputTensor(0));
  const outCount = ctx.elementCount(ctx.outputTensor());
  if (fS.length < 2 || depth <= 0 || outDepth <= 0 || fS[0] !== outDepth || inCount % depth !== 0 || inCount / depth !== outCount / outDepth) {
    throw ctx.unsupported(`weights [${fS.join(',')}] do not match input [${ctx.inputTensor(0).shape.join(',')}] and output [${outS.join(',')}]`);
  }
  return { batches: outCount / outDepth, depth, outDepth };
}

export function prepareFullyConnected(ctx: FcCtx): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'int8', 'int32', 'int8'], ['int8', 'int8', 'int8'], ['float32', 'float32', 'float32', 'float32'], ['float32', 'float32', 'float32']]);
  checkActivation(ctx, ctx.op.options.activation);
  if (ctx.op.options.weightsFormat !== 'DEFAULT') throw ctx.unsupported(`weights format ${ctx.op.options.weightsFormat}`);
  const g = geometry(ctx);
  return inT === 'int8' ? fcInt8(ctx, g) : fcFloat(ctx, g);
}

function fcInt8(ctx: FcCtx, g: FcGeometry): EvalFn {
  const biasQuant = ctx.hasInput(2) ? ctx.inputTensor(2).quant : undefined;
  const q = fullyConnectedQuantParams(ctx.inputTensor(0).quant, ctx.inputTensor(1).quant, biasQuant, ctx.outputTensor().quant, g.outDepth, ctx.op.options.activation);
  const input = ctx.inputData(0, Int8Array);
  const filter = ctx.inputData(1, Int8Array);
  const bias = int32Bias(ctx, 2, g.outDepth);
  const output = ctx.outputData(Int8Array);
  const { multipliers, shifts, inputOffset, outputOffset, actMin, actMax } = q;
  // The per-channel kernel ignores the filter offset; the per-tensor one adds it.
  const filterOffset = q.perChannel ? 0 : q.filterOffset;
  const { batches, depth, outDepth } = g;
  return () => {
    for (let b = 0; b < batches; b++) {
      const ib = b * depth;
      for (let oc = 0; oc < outDepth; oc++) {
        const fb = oc * depth;
        let acc = 0;
        if (filterOffset === 0) {
          for (let d = 0; d < depth; d++) acc += filter[fb + d]! * (input[ib + d]! + inputOffset);
        } else {
          for (let d = 0; d < depth; d++) acc += (filter[fb + d]! + filterOffset) * (input[ib + d]! + inputOffset);
        }
        if (bias) acc += bias[oc]!;
        let v = mbqm(acc | 0, multipliers[oc]!, shifts[oc]!) + outputOffset;
        v = v < actMin ? actMin : v > actMax ? actMax : v;
        output[b * outDepth + oc] = v;
      }
    }
  };
}

function fcFloat(ctx: FcCtx, g: FcGeometry): EvalFn {
  const { min, max } = activationRangeFloat(ctx.op.options.activation);
  const input = ctx.inputData(0, Float32Array);
  const filter = ctx.inputData(1, Float32Array);
  const bias = ctx.hasInput(2) ? ctx.inputData(2, Float32Array) : undefined;
  const output = ctx.outputData(Float32Array);
  const f = Math.fround;
  const { batches, depth, outDepth } = g;
  return () => {
    for (let b = 0; b < batches; b++) {
      for (let oc = 0; oc < outDepth; oc++) {
        let acc = 0;
        for (let d = 0; d < depth; d++) acc = f(acc + f(input[b * depth + d]! * filter[oc * depth + d]!));
        const v = f(acc + (bias ? bias[oc]! : 0));
        output[b * outDepth + oc] = v < min ? min : v > max ? max : v;
      }
    }
  };
}
