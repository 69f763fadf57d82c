// AVERAGE_POOL_2D and MAX_POOL_2D: TFLM reference pooling over in-image taps only; int8 rounds the average half away.
import { activationRangeFloat, activationRangeQuantized, windowGeometry, type OpOf } from '../../model/index.js';
import { tensorParams } from '../../model/index.js';
import type { EvalFn, OpContext } from '../op-context.js';
import { checkActivation } from './common.js';

type PoolCtx = OpContext<OpOf<'AVERAGE_POOL_2D'>> | OpContext<OpOf<'MAX_POOL_2D'>>;

export function preparePool(ctx: PoolCtx): EvalFn {
  const [inT] = ctx.requireDTypes([['int8', 'int8'], ['float32', 'float32']]);
  const o = ctx.op.options;
  checkActivation(ctx, o.activation);
  const g = windowGeometry(ctx.graph, ctx.op, (detail) => { throw ctx.unsupported(detail); });
  const i = { h: g.inH, w: g.inW, c: g.inC };
  const out = { n: g.batches, h: g.outH, w: g.outW };
  const { padTop, padLeft } = g;
  const isAvg = ctx.op.type === 'AVERAGE_POOL_2D';
  let lo: number;
  let hi: number;
  if (inT === 'int8') {
    const oq = tensorParams(ctx.outputTensor().quant, 'pooling output');
    ({ min: lo, max: hi } = activationRangeQuantized(o.activation, oq.scale, oq.zeroPoint));
  } else {
    ({ min: lo, max: hi } = activationRangeFloat(o.activation));
  }
  const input = inT === 'int8' ? ctx.inputData(0, Int8Array) : ctx.inputData(0, Float32Array);
  const output = inT === 'int8' ? ctx.outputData(Int8Array) : ctx.outputData(Float32Array);
  const intMode = inT === 'int8';
  const f = Math.fround;
  return () => {
    let p = 0;
    for (let b = 0; b < out.n; b++) {
      for (let oy = 0; oy < out.h; oy++) {
        const y0 = oy * o.strideH - padTop;
        const fy0 = Math.max(0, -y0);
        const fy1 = Math.min(o.filterH, i.h - y0);
        for (let ox = 0; ox < out.w; ox++) {
          const x0 = ox * o.strideW - padLeft;
          const fx0 = Math.max(0, -x0);
          const fx1 = Math.min(o.filterW, i.w - x0);
          for (let c = 0; c < i.c; c++) {
            let acc = isAvg ? 0 : intMode ? -128 : -3.4028234663852886e38;
            let count = 0;
            for (let fy = fy0; fy < fy1; fy++) {
              const row = ((b * i.h + y0 + fy) * i.w + x0) * i.c + c;
              for (let fx = fx0; fx < fx1; fx++) {
                const v = input[row + fx * i.c]!;
                if (isAvg) acc = intMode ? acc + v : f(acc + v);
                else if (v > acc) acc = v;
                count++;
              }
            }
            if (isAvg) {
              if (count === 0) throw ctx.unsupported('a pooling window lies entirely in the padding');
              if (intMode) {
                const half = (count / 2) | 0;
                acc = acc > 0 ? ((acc + half) / count) | 0 : ((acc - half) / count) | 0;
              } else {
                acc = f(acc / count);
              }
            }
            output[p++] = acc < lo ? lo : acc > hi ? hi : acc;
          }
        }
      }
    }
  };
}
