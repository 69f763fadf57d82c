// Small checks and lookups every kernel family shares.
import { isClampActivation, type Activation } from '../../model/index.js';
import type { OpContext } from '../op-context.js';

/** Fused TANH / SIGN_BIT are not clamps; TFLM's int8 kernels would silently skip them, so refuse instead. */
export function checkActivation(ctx: OpContext, activation: Activation): void {
  if (!isClampActivation(activation)) throw ctx.unsupported(`fused activation ${activation} is not supported`);
}

/** The optional int32 bias input k, checked to hold one value per output channel. */
export function int32Bias(ctx: OpContext, k: number, channels: number): Int32Array | undefined {
  if (!ctx.hasInput(k)) return undefined;
  const t = ctx.inputTensor(k);
  if (t.dtype !== 'int32') throw ctx.unsupported(`bias must be int32, not ${t.dtype}`);
  const bias = ctx.inputData(k, Int32Array);
  if (bias.length !== channels) throw ctx.unsupported(`bias has ${bias.length} values for ${channels} output channels`);
  return bias;
}

/** Clamp to [lo, hi]. */
export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]!; }
  return s;
}

/** Same scale and zero point (TFLM compares the float scale and the int zero point exactly). */
export function sameQuant(a: { scale: number[]; zeroPoint: number[] } | undefined, b: { scale: number[]; zeroPoint: number[] } | undefined): boolean {
  return Math.fround(a?.scale[0] ?? NaN) === Math.fround(b?.scale[0] ?? NaN) && (a?.zeroPoint[0] ?? 0) === (b?.zeroPoint[0] ?? 0);
}
