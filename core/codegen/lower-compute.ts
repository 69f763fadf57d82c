// Lowering of the ops with weights or windows (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, pooling, MEAN) to C.
import {
  activationRangeQuantized, convQuantParams, elementCount, fullyConnectedQuantParams, meanQuantParams, tensorParams,
  type Op, type OpOf,
} from '../model/index.js';
import { dims4, initializer } from './c-format.js';
import { meanReducedAxes, unsupported, windowGeometry } from './geometry.js';
import type { LowerContext, LoweredOp } from './lower-context.js';

function biasName(ctx: LowerContext, decls: string[], op: Op, k: number, channels: number): string {
  const b = op.inputs[2];
  if (b === undefined || b < 0) return '0';
  const data = ctx.int32Data(b, `${op.type} bias`);
  if (data.length !== channels) throw unsupported(`${op.type} bias has ${data.length} values for ${channels} channels`);
  return ctx.array(decls, 'int32_t', `op${k}_bias`, data);
}

export function lowerFullyConnected(ctx: LowerContext, op: OpOf<'FULLY_CONNECTED'>, k: number): LoweredOp {
  const decls: string[] = [];
  const input = ctx.tensor(op.inputs[0], 'FULLY_CONNECTED input');
  const filter = ctx.tensor(op.inputs[1], 'FULLY_CONNECTED filter');
  const output = ctx.tensor(op.outputs[0], 'FULLY_CONNECTED output');
  ctx.requireClamp(op, op.options.activation);
  if (filter.shape.length !== 2) throw unsupported('FULLY_CONNECTED filter must be 2-D [out, in]');
  if (op.options.weightsFormat !== 'DEFAULT') throw unsupported('FULLY_CONNECTED with shuffled weights is not supported');
  const [outDepth, depth] = filter.shape as [number, number];
  const batches = elementCount(input.shape) / depth;
  if (!Number.isInteger(batches) || batches * outDepth !== elementCount(output.shape)) {
    throw unsupported(`FULLY_CONNECTED shapes ${JSON.stringify(input.shape)} × ${JSON.stringify(filter.shape)} → ${JSON.stringify(output.shape)} do not agree`);
  }
  const q = fullyConnectedQuantParams(input.quant, filter.quant, op.inputs[2] !== undefined && op.inputs[2] >= 0 ? ctx.tensor(op.inputs[2], 'bias').quant : undefined,
    output.quant, outDepth, op.options.activation);
  const w = ctx.array(decls, 'int8_t', `op${k}_filter`, ctx.int8Data(op.inputs[1], 'FULLY_CONNECTED filter'));
  const bias = biasName(ctx, decls, op, k, outDepth);
  const requant = ctx.requant(decls, `op${k}_requant`, q.multipliers, q.shifts, { decodes: batches * outDepth, macsPerOutput: depth });
  const params = ctx.name(`op${k}`);
  decls.push(`static const td_fc_params ${params} TD_FLASH = ${initializer([
    ['batches', batches], ['accum_depth', depth], ['out_depth', outDepth], ['input_offset', q.inputOffset],
    ['filter_offset', q.filterOffset], ['output_offset', q.outputOffset], ['act_min', q.actMin], ['act_max', q.actMax],
    ['filter', w], ['bias', bias], ['requant', requant],
  ])};\n`);
  return { decls, call: `td_fully_connected_s8(&${params}, ${ctx.ptr(op.inputs[0], 'input')}, ${ctx.ptr(op.outputs[0], 'output')});` };
}

/** A depthwise filter [1, taps, out_c] as the grouped conv's [out_c, taps, 1] (one input channel per group). */
function depthwiseAsGrouped(filter: Int8Array, taps: number, outC: number): Int8Array {
  const out = new Int8Array(filter.length);
  for (let t = 0; t < taps; t++) for (let c = 0; c < outC; c++) out[c * taps + t] = filter[t * outC + c]!;
  return out;
}

export function lowerConv(ctx: LowerContext, op: OpOf<'CONV_2D'> | OpOf<'DEPTHWISE_CONV_2D'>, k: number): LoweredOp {
  const decls: string[] = [];
  const g = windowGeometry(ctx.graph, op);
  ctx.requireClamp(op, op.options.activation);
  const input = ctx.tensor(op.inputs[0], `${op.type} input`);
  const filter = ctx.tensor(op.inputs[1], `${op.type} filter`);
  const output = ctx.tensor(op.outputs[0], `${op.type} output`);
  const q = convQuantParams(input.quant, filter.quant, output.quant, g.outC, op.options.activation);
  if (q.filterOffset !== 0) throw unsupported(`${op.type} filter zero point must be 0 (int8 symmetric weights)`);
  const depthwise = op.type === 'DEPTHWISE_CONV_2D';
  const filterData = ctx.int8Data(op.inputs[1], `${op.type} filter`);
  const w = ctx.array(decls, 'int8_t', `op${k}_filter`, depthwise ? depthwiseAsGrouped(filterData, g.filterH * g.filterW, g.outC) : filterData);
  const bias = biasName(ctx, decls, op, k, g.outC);
  const requant = ctx.requant(decls, `op${k}_requant`, q.multipliers, q.shifts, {
    decodes: g.batches * g.outH * g.outW * g.outC,
    macsPerOutput: g.filterH * g.filterW * (depthwise ? 1 : g.filterInC),
  });
  const params = ctx.name(`op${k}`);
  // td_conv_params' narrow fields (td_conv.h): every model pays them per layer, so each is checked, not truncated.
  const fit = (field: string, v: number, min: number, max: number): [string, number] => {
    if (v < min || v > max) throw unsupported(`${op.type} op ${k}: ${field} = ${v} is outside the native backend's range ${min}…${max}`);
    return [field, v];
  };
  const u16 = (field: string, v: number): [string, number] => fit(field, v, 0, 0xffff);
  const u8 = (field: string, v: number): [string, number] => fit(field, v, 0, 0xff);
  decls.push(`static const td_conv_params ${params} TD_FLASH = ${initializer([
    ['filter', w], ['bias', bias], ['requant', requant],
    u16('batches', g.batches), u16('in_h', g.inH), u16('in_w', g.inW), u16('in_c', g.inC), u16('out_h', g.outH),
    u16('out_w', g.outW), u16('out_c', g.outC), u16('filter_in_c', depthwise ? 1 : g.filterInC),
    u8('filter_h', g.filterH), u8('filter_w', g.filterW), u8('stride_h', g.strideH), u8('stride_w', g.strideW),
    u8('dilation_h', g.dilationH), u8('dilation_w', g.dilationW), u8('pad_top', g.padTop), u8('pad_left', g.padLeft),
    fit('input_offset', q.inputOffset, -0x8000, 0x7fff), fit('output_offset', q.outputOffset, -0x8000, 0x7fff),
    fit('act_min', q.actMin, -128, 127), fit('act_max', q.actMax, -128, 127),
  ])};\n`);
  return { decls, call: `${depthwise ? 'td_depthwise_conv2d_s8' : 'td_conv2d_s8'}(&${params}, ${ctx.ptr(op.inputs[0], 'input')}, ${ctx.ptr(op.outputs[0], 'output')});` };
}

export function lowerPool(ctx: LowerContext, op: OpOf<'AVERAGE_POOL_2D'> | OpOf<'MAX_POOL_2D'>, k: number): LoweredOp {
  const g = windowGeometry(ctx.graph, op);
  ctx.requireClamp(op, op.options.activation);
  const out = tensorParams(ctx.tensor(op.outputs[0], `${op.type} output`).quant, `${op.type} output`);
  const act = activationRangeQuantized(op.options.activation, out.scale, out.zeroPoint);
  const params = ctx.name(`op${k}`);
  const decl = `static const td_pool_params ${params} TD_FLASH = ${initializer([
    ['batches', g.batches], ['in_h', g.inH], ['in_w', g.inW], ['channels', g.inC], ['out_h', g.outH], ['out_w', g.outW],
    ['filter_h', g.filterH], ['filter_w', g.filterW], ['stride_h', g.strideH], ['stride_w', g.strideW],
    ['pad_top', g.padTop], ['pad_left', g.padLeft], ['act_min', act.min], ['act_max', act.max],
  ])};\n`;
  const fn = op.type === 'AVERAGE_POOL_2D' ? 'td_average_pool_s8' : 'td_max_pool_s8';
  return { decls: [decl], call: `${fn}(&${params}, ${ctx.ptr(op.inputs[0], 'input')}, ${ctx.ptr(op.outputs[0], 'output')});` };
}

export function lowerMean(ctx: LowerContext, op: OpOf<'MEAN'>, k: number): LoweredOp {
  const { dims, reduced } = meanReducedAxes(ctx.graph, op);
  const count = dims.reduce((s, d, i) => (reduced[i] ? s * d : s), 1);
  const q = meanQuantParams(ctx.tensor(op.inputs[0], 'MEAN input').quant, ctx.tensor(op.outputs[0], 'MEAN output').quant, count);
  const params = ctx.name(`op${k}`);
  const decl = `static const td_mean_params ${params} TD_FLASH = ${initializer([
    ['dims', dims4(dims)], ['reduced', dims4(reduced.map((r) => (r ? 1 : 0)))],
    ['zp_times_count', q.inputZeroPoint * count], ['multiplier', q.multiplier], ['shift', q.shift],
    ['output_zero_point', q.outputZeroPoint],
  ])};\n`;
  return { decls: [decl], call: `td_mean_s8(&${params}, ${ctx.ptr(op.inputs[0], 'input')}, ${ctx.ptr(op.outputs[0], 'output')});` };
}
