// Lowering of element-wise, normalising and data-movement ops (ADD, MUL, activations, SOFTMAX, QUANTIZE, PAD,
// CONCATENATION, RESHAPE) to C.
import {
  addQuantParams, elementCount, mulQuantParams, relu6QuantParams, reluQuantParams, requantizeParams,
  sigmoidQuantParams, softmaxQuantParams, tensorParams, type OpOf,
} from '../model/index.js';
import { dims4, initializer, int32Lit } from './c-format.js';
import { broadcastStrides, concatLayout, padAmounts, to4D, unsupported } from './geometry.js';
import type { LowerContext, LoweredOp } from './lower-context.js';

export function lowerBinary(ctx: LowerContext, op: OpOf<'ADD'> | OpOf<'MUL'>, k: number): LoweredOp {
  const a = ctx.tensor(op.inputs[0], `${op.type} input 1`);
  const b = ctx.tensor(op.inputs[1], `${op.type} input 2`);
  const out = ctx.tensor(op.outputs[0], `${op.type} output`);
  ctx.requireClamp(op, op.options.activation);
  const dims = to4D(out.shape, `${op.type} output`);
  const fields: Array<[string, string | number]> = [
    ['dims', dims4(dims)],
    ['stride1', dims4(broadcastStrides(a.shape, dims, `${op.type} input 1`))],
    ['stride2', dims4(broadcastStrides(b.shape, dims, `${op.type} input 2`))],
  ];
  if (op.type === 'ADD') {
    const q = addQuantParams(a.quant, b.quant, out.quant, op.options.activation);
    fields.push(['input1_offset', q.input1Offset], ['input2_offset', q.input2Offset], ['output_offset', q.outputOffset],
      ['act_min', q.actMin], ['act_max', q.actMax], ['left_shift', q.leftShift],
      ['input1_multiplier', q.input1.multiplier], ['input1_shift', q.input1.shift],
      ['input2_multiplier', q.input2.multiplier], ['input2_shift', q.input2.shift],
      ['output_multiplier', q.output.multiplier], ['output_shift', q.output.shift]);
  } else {
    const q = mulQuantParams(a.quant, b.quant, out.quant, op.options.activation);
    fields.push(['input1_offset', q.input1Offset], ['input2_offset', q.input2Offset], ['output_offset', q.outputOffset],
      ['act_min', q.actMin], ['act_max', q.actMax], ['output_multiplier', q.output.multiplier], ['output_shift', q.output.shift]);
  }
  const decls: string[] = [];
  const in1 = ctx.operand(decls, op.inputs[0], `${op.type} input 1`, `op${k}_input1`);
  const in2 = ctx.operand(decls, op.inputs[1], `${op.type} input 2`, `op${k}_input2`);
  const params = ctx.name(`op${k}`);
  decls.push(`static const td_binary_params ${params} TD_FLASH = ${initializer(fields)};\n`);
  const fn = op.type === 'ADD' ? 'td_add_s8' : 'td_mul_s8';
  return { decls, call: `${fn}(&${params}, ${in1}, ${in2}, ${ctx.ptr(op.outputs[0], 'output')});` };
}

export function lowerSoftmax(ctx: LowerContext, op: OpOf<'SOFTMAX'>, k: number): LoweredOp {
  const input = ctx.tensor(op.inputs[0], 'SOFTMAX input');
  const q = softmaxQuantParams(input.quant, ctx.tensor(op.outputs[0], 'SOFTMAX output').quant, op.options.beta);
  const depth = input.shape[input.shape.length - 1] ?? 1;
  const params = ctx.name(`op${k}`);
  const decl = `static const td_softmax_params ${params} TD_FLASH = ${initializer([
    ['rows', elementCount(input.shape) / depth], ['depth', depth], ['input_multiplier', q.inputMultiplier],
    ['input_left_shift', q.inputLeftShift], ['diff_min', q.diffMin],
  ])};\n`;
  return { decls: [decl], call: `td_softmax_s8(&${params}, ${ctx.ptr(op.inputs[0], 'input')}, ${ctx.ptr(op.outputs[0], 'output')});` };
}

export function lowerUnary(ctx: LowerContext, op: OpOf<'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6' | 'QUANTIZE'>, k: number): LoweredOp {
  const input = ctx.tensor(op.inputs[0], `${op.type} input`);
  const output = ctx.tensor(op.outputs[0], `${op.type} output`);
  const count = elementCount(input.shape);
  const io = `${ctx.ptr(op.inputs[0], 'input')}, ${ctx.ptr(op.outputs[0], 'output')}`;
  if (op.type === 'RELU6') {
    const q = relu6QuantParams(input.quant);
    return { decls: [], call: `td_clamp_s8(${int32Lit(count)}, ${int32Lit(q.zero)}, ${int32Lit(q.six)}, ${io});` };
  }
  const params = ctx.name(`op${k}`);
  if (op.type === 'LOGISTIC' || op.type === 'TANH') {
    const q = sigmoidQuantParams(input.quant, op.type);
    const o = tensorParams(output.quant, `${op.type} output`);
    const want = op.type === 'LOGISTIC' ? -128 : 0;
    if (o.zeroPoint !== want) throw unsupported(`int8 ${op.type} output zero point must be ${want} (is ${o.zeroPoint})`, 'Re-quantize the model; TFLite Micro requires it too.');
    const decl = `static const td_sigmoid_params ${params} TD_FLASH = ${initializer([
      ['count', count], ['input_zero_point', q.inputZeroPoint], ['input_range_radius', q.inputRangeRadius],
      ['input_multiplier', q.inputMultiplier], ['input_left_shift', q.inputLeftShift],
    ])};\n`;
    return { decls: [decl], call: `${op.type === 'LOGISTIC' ? 'td_logistic_s8' : 'td_tanh_s8'}(&${params}, ${io});` };
  }
  const q = op.type === 'RELU' ? reluQuantParams(input.quant, output.quant)
    : { ...requantizeParams(input.quant, output.quant), actMin: -128, actMax: 127 };
  const decl = `static const td_requantize_params ${params} TD_FLASH = ${initializer([
    ['count', count], ['input_zero_point', q.inputZeroPoint], ['output_zero_point', q.outputZeroPoint],
    ['multiplier', q.multiplier], ['shift', q.shift], ['act_min', q.actMin], ['act_max', q.actMax],
  ])};\n`;
  return { decls: [decl], call: `td_requantize_s8(&${params}, ${io});` };
}

export function lowerPad(ctx: LowerContext, op: OpOf<'PAD'>, k: number): LoweredOp {
  const { inDims, outDims, before } = padAmounts(ctx.graph, op);
  const o = tensorParams(ctx.tensor(op.outputs[0], 'PAD output').quant, 'PAD output');
  const params = ctx.name(`op${k}`);
  const decl = `static const td_pad_params ${params} TD_FLASH = ${initializer([
    ['in_dims', dims4(inDims)], ['out_dims', dims4(outDims)], ['before', dims4(before)], ['pad_value', o.zeroPoint],
  ])};\n`;
  return { decls: [decl], call: `td_pad_s8(&${params}, ${ctx.ptr(op.inputs[0], 'input')}, ${ctx.ptr(op.outputs[0], 'output')});` };
}

export function lowerConcat(ctx: LowerContext, op: OpOf<'CONCATENATION'>): LoweredOp {
  ctx.requireClamp(op, op.options.activation);
  if (op.options.activation !== 'NONE') throw unsupported('CONCATENATION with a fused activation is not supported');
  const out = tensorParams(ctx.tensor(op.outputs[0], 'CONCATENATION output').quant, 'CONCATENATION output');
  const { outer, chunks } = concatLayout(ctx.graph, op);
  const stride = chunks.reduce((s, c) => s + c, 0);
  const outPtr = ctx.ptr(op.outputs[0], 'output');
  let offset = 0;
  const calls = op.inputs.map((t, i) => {
    const q = tensorParams(ctx.tensor(t, `CONCATENATION input ${i}`).quant, `CONCATENATION input ${i}`);
    if (q.scale !== out.scale || q.zeroPoint !== out.zeroPoint) {
      throw unsupported(`CONCATENATION input ${i} is quantized differently from the output`, 'Re-quantize so every input shares the output scale and zero point (TFLite Micro requires it).');
    }
    const call = `td_concat_part_s8(${int32Lit(outer)}, ${int32Lit(chunks[i]!)}, ${int32Lit(stride)}, ${ctx.ptr(t, `input ${i}`)}, ${outPtr} + ${offset});`;
    offset += chunks[i]!;
    return call;
  });
  return { decls: [], call: calls.join('\n  ') };
}

/** RESHAPE shares its input's buffer (the planner aliases them), so it costs no code unless the bytes differ. */
export function lowerReshape(ctx: LowerContext, op: OpOf<'RESHAPE'>): LoweredOp {
  const input = ctx.tensor(op.inputs[0], 'RESHAPE input');
  const n = elementCount(input.shape);
  if (n !== elementCount(ctx.tensor(op.outputs[0], 'RESHAPE output').shape)) throw unsupported('RESHAPE changes the element count');
  const src = ctx.ptr(op.inputs[0], 'input');
  const dst = ctx.ptr(op.outputs[0], 'output');
  return { decls: [], call: src === dst ? `/* RESHAPE: aliases its input */` : `td_copy_s8(${int32Lit(n)}, ${src}, ${dst});` };
}
