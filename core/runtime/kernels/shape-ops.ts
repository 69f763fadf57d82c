// RESHAPE, PAD and CONCATENATION: data movement; int8 PAD fills with the output zero point unless a value is given.
import { tensorParams, type Op, type OpOf } from '../../model/index.js';
import type { EvalFn, OpContext } from '../op-context.js';
import type { TensorData } from '../tensor-data.js';
import { sameQuant, stridesOf } from './common.js';

const CTOR_BY_DTYPE = { int8: Int8Array, float32: Float32Array, int32: Int32Array, int16: Int16Array, uint8: Uint8Array } as const;
type MovableDType = keyof typeof CTOR_BY_DTYPE;

function movableDType(ctx: OpContext<Op>): MovableDType {
  const d = ctx.inputTensor(0).dtype;
  if (!(d in CTOR_BY_DTYPE) || ctx.outputTensor().dtype !== d) throw ctx.unsupported(`unsupported dtype combination ${ctx.dtypes()}`);
  return d as MovableDType;
}

export function prepareReshape(ctx: OpContext<Op>): EvalFn {
  movableDType(ctx);
  const input = ctx.inputAny(0);
  const out = ctx.outputAny();
  if (input.length !== out.length) throw ctx.unsupported(`cannot reshape ${input.length} elements into ${out.length}`);
  return () => { (out as Int8Array).set(input as Int8Array); };
}

export function preparePad(ctx: OpContext<Op>): EvalFn {
  const d = movableDType(ctx);
  const inS = ctx.inputTensor(0).shape;
  const outS = ctx.outputTensor().shape;
  const pads = ctx.constantInts(1, 'paddings');
  const rank = inS.length;
  if (pads.length !== rank * 2 || outS.length !== rank) throw ctx.unsupported(`paddings of ${pads.length / 2} dims for a rank-${rank} input`);
  for (let k = 0; k < rank; k++) {
    if (pads[2 * k]! < 0 || pads[2 * k + 1]! < 0 || inS[k]! + pads[2 * k]! + pads[2 * k + 1]! !== outS[k]) {
      throw ctx.unsupported(`paddings [${pads.join(',')}] do not turn [${inS.join(',')}] into [${outS.join(',')}]`);
    }
  }
  let fill = 0;
  if (ctx.numInputs >= 3 && ctx.hasInput(2)) {
    const c = ctx.inputAny(2);
    if (c.length < 1) throw ctx.unsupported('constant value is empty');
    fill = c[0]!;
  } else if (d === 'int8') {
    fill = tensorParams(ctx.outputTensor().quant, 'PAD output').zeroPoint;
  }
  const input = ctx.inputAny(0);
  const out = ctx.outputAny();
  const outStrides = stridesOf(outS);
  const baseOffset = Array.from({ length: rank }, (_, k) => pads[2 * k]! * outStrides[k]!).reduce((a, b) => a + b, 0);
  const n = input.length;
  const map = new Int32Array(n);
  const idx = new Array<number>(rank).fill(0);
  let off = baseOffset;
  for (let i = 0; i < n; i++) {
    map[i] = off;
    for (let k = rank - 1; k >= 0; k--) {
      idx[k]!++;
      off += outStrides[k]!;
      if (idx[k]! < inS[k]!) break;
      off -= outStrides[k]! * idx[k]!;
      idx[k] = 0;
    }
  }
  return () => {
    out.fill(fill);
    for (let i = 0; i < n; i++) out[map[i]!] = input[i]!;
  };
}

export function prepareConcatenation(ctx: OpContext<OpOf<'CONCATENATION'>>): EvalFn {
  const d = movableDType(ctx);
  if (ctx.op.options.activation !== 'NONE') throw ctx.unsupported(`fused activation ${ctx.op.options.activation} on CONCATENATION`);
  const outT = ctx.outputTensor();
  const rank = outT.shape.length;
  const axis = ctx.op.options.axis < 0 ? ctx.op.options.axis + rank : ctx.op.options.axis;
  if (axis < 0 || axis >= rank) throw ctx.unsupported(`axis ${ctx.op.options.axis} is out of range for rank ${rank}`);
  const outer = outT.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = outT.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const parts: { data: TensorData; chunk: number }[] = [];
  let total = 0;
  for (let k = 0; k < ctx.numInputs; k++) {
    const t = ctx.inputTensor(k);
    if (t.dtype !== d || t.shape.length !== rank) throw ctx.unsupported(`input ${k} has dtype ${t.dtype} and rank ${t.shape.length}`);
    if (d === 'int8' && !sameQuant(t.quant, outT.quant)) {
      throw ctx.unsupported(`int8 input ${k} has a different scale or zero point than the output (TFLite Micro requires them equal)`);
    }
    total += t.shape[axis]!;
    parts.push({ data: ctx.inputAny(k), chunk: t.shape[axis]! * inner });
  }
  if (total !== outT.shape[axis]) throw ctx.unsupported(`inputs sum to ${total} along axis ${axis}, output has ${outT.shape[axis]}`);
  const out = ctx.outputAny() as Int8Array;
  return () => {
    let o = 0;
    for (let b = 0; b < outer; b++) {
      for (const p of parts) {
        out.set((p.data as Int8Array).subarray(b * p.chunk, (b + 1) * p.chunk), o);
        o += p.chunk;
      }
    }
  };
}
