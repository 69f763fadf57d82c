// Per-op int8 "Prepare" constants as TFLM's *_common.cc compute them; pure functions of quantization parameters.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Activation, Quantization } from './ir.js';
import {
  activationRangeQuantized, calculateInputRadius, frexp, quantizeMultiplier, quantizeMultiplierGreaterThanOne,
  quantizeMultiplierSmallerThanOneExp, roundHalfAway, type QuantizedMultiplier,
} from './quant-math.js';

const f = Math.fround;

/** Scale and zero point of a per-tensor quantized tensor (the first entry, as TFLM's params.scale). */
export function tensorParams(q: Quantization | undefined, what: string): { scale: number; zeroPoint: number } {
  if (!q || q.scale.length === 0) {
    throw new TinyDeployError(ErrorCode.RuntimeUnsupported, `${what} has no quantization parameters`, {
      advice: 'Every int8 tensor needs a scale and zero point; quantize the model fully to int8.',
    });
  }
  return { scale: f(q.scale[0]!), zeroPoint: q.zeroPoint[0] ?? 0 };
}

/** Multipliers of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, one entry per output channel. */
export interface ConvQuantParams {
  inputOffset: number;
  filterOffset: number;
  outputOffset: number;
  multipliers: Int32Array;
  shifts: Int32Array;
  perChannel: boolean;
  actMin: number;
  actMax: number;
}

/** PopulateConvolutionQuantizationParams: (double)in_s · (double)w_s[c] / (double)out_s per channel. */
export function convQuantParams(
  input: Quantization | undefined, filter: Quantization | undefined, output: Quantization | undefined,
  channels: number, activation: Activation,
): ConvQuantParams {
  const inp = tensorParams(input, 'convolution input');
  const out = tensorParams(output, 'convolution output');
  const w = filter?.scale ?? [];
  if (w.length !== 1 && w.length !== channels) {
    throw new TinyDeployError(ErrorCode.RuntimeUnsupported,
      `filter has ${w.length} scales for ${channels} output channels`, { advice: 'Use per-tensor or per-output-channel filter quantization.' });
  }
  const multipliers = new Int32Array(channels);
  const shifts = new Int32Array(channels);
  for (let c = 0; c < channels; c++) {
    const ws = f(w.length === 1 ? w[0]! : w[c]!);
    const qm = quantizeMultiplier((inp.scale * ws) / out.scale);
    multipliers[c] = qm.multiplier;
    shifts[c] = qm.shift;
  }
  const act = activationRangeQuantized(activation, out.scale, out.zeroPoint);
  return {
    inputOffset: -inp.zeroPoint, filterOffset: -(filter?.zeroPoint[0] ?? 0), outputOffset: out.zeroPoint,
    multipliers, shifts, perChannel: w.length > 1, actMin: act.min, actMax: act.max,
  };
}

/**
 * CalculateOpDataFullyConnected: per-channel filters as convolution; a per-tensor filter uses
 * GetQuantizedConvolutionMultipler, whose in_s·w_s product is rounded to float32 first.
 */
export function fullyConnectedQuantParams(
  input: Quantization | undefined, filter: Quantization | undefined, bias: Quantization | undefined,
  output: Quantization | undefined, outChannels: number, activation: Activation,
): ConvQuantParams {
  const ws = filter?.scale ?? [];
  if (ws.length > 1) return convQuantParams(input, filter, output, outChannels, activation);
  const inp = tensorParams(input, 'fully-connected input');
  const w = tensorParams(filter, 'fully-connected weights');
  const out = tensorParams(output, 'fully-connected output');
  if (bias && bias.scale.length > 0) {
    const diff = Math.abs(inp.scale * w.scale - f(bias.scale[0]!));
    if (!(diff / out.scale <= 0.02)) {
      throw new TinyDeployError(ErrorCode.RuntimeUnsupported,
        `bias scale ${bias.scale[0]} differs from input·weight scale ${inp.scale * w.scale} by more than 2% of the output scale`,
        { advice: 'Re-quantize the bias with scale = input_scale · weight_scale (TFLite Micro rejects this model).' });
    }
  }
  const qm = quantizeMultiplier(f(inp.scale * w.scale) / out.scale);
  const act = activationRangeQuantized(activation, out.scale, out.zeroPoint);
  return {
    inputOffset: -inp.zeroPoint, filterOffset: -w.zeroPoint, outputOffset: out.zeroPoint,
    multipliers: new Int32Array(outChannels).fill(qm.multiplier), shifts: new Int32Array(outChannels).fill(qm.shift),
    perChannel: false, actMin: act.min, actMax: act.max,
  };
}

/** ADD int8 (left_shift 20): both inputs rescaled to 2·max(s1, s2), then to the output. */
export interface AddQuantParams {
  leftShift: number;
  input1Offset: number; input1: QuantizedMultiplier;
  input2Offset: number; input2: QuantizedMultiplier;
  outputOffset: number; output: QuantizedMultiplier;
  actMin: number; actMax: number;
}

export function addQuantParams(
  in1: Quantization | undefined, in2: Quantization | undefined, output: Quantization | undefined, activation: Activation,
): AddQuantParams {
  const a = tensorParams(in1, 'ADD input 1');
  const b = tensorParams(in2, 'ADD input 2');
  const o = tensorParams(output, 'ADD output');
  const leftShift = 20;
  const twiceMax = 2 * Math.max(a.scale, b.scale);
  const act = activationRangeQuantized(activation, o.scale, o.zeroPoint);
  return {
    leftShift,
    input1Offset: -a.zeroPoint, input1: quantizeMultiplierSmallerThanOneExp(a.scale / twiceMax),
    input2Offset: -b.zeroPoint, input2: quantizeMultiplierSmallerThanOneExp(b.scale / twiceMax),
    outputOffset: o.zeroPoint, output: quantizeMultiplierSmallerThanOneExp(twiceMax / ((1 << leftShift) * o.scale)),
    actMin: act.min, actMax: act.max,
  };
}

/** MUL int8: one multiplier s1·s2/so in double. */
export interface MulQuantParams {
  input1Offset: number; input2Offset: number; outputOffset: number;
  output: QuantizedMultiplier; actMin: number; actMax: number;
}

export function mulQuantParams(
  in1: Quantization | undefined, in2: Quantization | undefined, output: Quantization | undefined, activation: Activation,
): MulQuantParams {
  const a = tensorParams(in1, 'MUL input 1');
  const b = tensorParams(in2, 'MUL input 2');
  const o = tensorParams(output, 'MUL output');
  const act = activationRangeQuantized(activation, o.scale, o.zeroPoint);
  return {
    input1Offset: -a.zeroPoint, input2Offset: -b.zeroPoint, outputOffset: o.zeroPoint,
    output: quantizeMultiplier((a.scale * b.scale) / o.scale), actMin: act.min, actMax: act.max,
  };
}

/** MEAN int8 (reference QuantizedMeanOrSum): in_s/out_s with 1/count folded into the multiplier. */
export interface MeanQuantParams {
  inputZeroPoint: number; outputZeroPoint: number; count: number;
  /** The count-adjusted multiplier and shift applied to Σq − in_zp·count. */
  multiplier: number; shift: number;
}

export function meanQuantParams(input: Quantization | undefined, output: Quantization | undefined, count: number): MeanQuantParams {
  const i = tensorParams(input, 'MEAN input');
  const o = tensorParams(output, 'MEAN output');
  const base = quantizeMultiplier(i.scale / o.scale);
  let multiplier = base.multiplier;
  let shift = base.shift;
  if (count > 0) {
    let k = Math.floor(Math.log2(count));
    while (2 ** (k + 1) <= count) k++;
    while (2 ** k > count) k--;
    k = Math.min(k, 32, 31 + shift);
    multiplier = Number(BigInt.asIntN(32, (BigInt(multiplier) << BigInt(k)) / BigInt(count)));
    shift -= k;
  }
  return { inputZeroPoint: i.zeroPoint, outputZeroPoint: o.zeroPoint, count, multiplier, shift };
}

/** SOFTMAX int8: beta·in_s·2^26 capped at 2^31 − 1, as a multiplier > 1, and the smallest diff that matters. */
export interface SoftmaxQuantParams { inputMultiplier: number; inputLeftShift: number; diffMin: number }

export function softmaxQuantParams(input: Quantization | undefined, output: Quantization | undefined, beta: number): SoftmaxQuantParams {
  const i = tensorParams(input, 'SOFTMAX input');
  const o = tensorParams(output, 'SOFTMAX output');
  if (o.zeroPoint !== -128 || o.scale !== 1 / 256) {
    throw new TinyDeployError(ErrorCode.RuntimeUnsupported,
      `int8 SOFTMAX output must have scale 1/256 and zero point -128 (has ${o.scale}, ${o.zeroPoint})`,
      { advice: 'Re-quantize the model; TFLite Micro rejects other softmax output parameters.' });
  }
  const kScaledDiffIntegerBits = 5;
  const real = Math.min(f(beta) * i.scale * 2 ** (31 - kScaledDiffIntegerBits), 2 ** 31 - 1);
  const qm = quantizeMultiplierGreaterThanOne(real);
  return {
    inputMultiplier: qm.multiplier, inputLeftShift: qm.shift,
    diffMin: -calculateInputRadius(kScaledDiffIntegerBits, qm.shift),
  };
}

/** LOGISTIC / TANH int8 input scaling to Q4.27 (frexp of in_s·2^27, no 2^31 fix-up) and the saturation radius. */
export interface SigmoidQuantParams { inputZeroPoint: number; inputMultiplier: number; inputLeftShift: number; inputRangeRadius: number }

export function sigmoidQuantParams(input: Quantization | undefined, op: 'LOGISTIC' | 'TANH'): SigmoidQuantParams {
  const i = tensorParams(input, `${op} input`);
  const kInputIntegerBits = 4;
  const { mantissa, exponent } = frexp(i.scale * 2 ** (31 - kInputIntegerBits));
  // static_cast<int32_t> of 2^31 wraps to INT32_MIN on the targets TFLM runs on.
  const m = roundHalfAway(mantissa * 2 ** 31) | 0;
  return {
    inputZeroPoint: i.zeroPoint, inputMultiplier: m, inputLeftShift: exponent,
    inputRangeRadius: calculateInputRadius(kInputIntegerBits, exponent, 31),
  };
}

/** RELU int8: requantize by (double)(float in_s / float out_s), clamp at the quantized 0. */
export interface ReluQuantParams {
  inputZeroPoint: number; outputZeroPoint: number; multiplier: number; shift: number; actMin: number; actMax: number;
}

export function reluQuantParams(input: Quantization | undefined, output: Quantization | undefined): ReluQuantParams {
  const i = tensorParams(input, 'RELU input');
  const o = tensorParams(output, 'RELU output');
  const qm = quantizeMultiplier(f(i.scale / o.scale));
  const zeroQ = o.zeroPoint + roundHalfAway(f(0 / o.scale));
  return {
    inputZeroPoint: i.zeroPoint, outputZeroPoint: o.zeroPoint, multiplier: qm.multiplier, shift: qm.shift,
    actMin: Math.max(-128, zeroQ), actMax: 127,
  };
}

/** RELU6 int8: TFLM clamps raw values to [in_zp, q(6.0)] in the input's parameters, without rescaling. */
export function relu6QuantParams(input: Quantization | undefined): { zero: number; six: number } {
  const i = tensorParams(input, 'RELU6 input');
  const six = Math.min(127, Math.max(-128, roundHalfAway(f(6 / i.scale)) + i.zeroPoint));
  return { zero: i.zeroPoint, six };
}

/** QUANTIZE int8 → int8 (Requantize): (double)in_s / (double)out_s. */
export interface RequantizeParams { inputZeroPoint: number; outputZeroPoint: number; multiplier: number; shift: number }

export function requantizeParams(input: Quantization | undefined, output: Quantization | undefined): RequantizeParams {
  const i = tensorParams(input, 'QUANTIZE input');
  const o = tensorParams(output, 'QUANTIZE output');
  const qm = quantizeMultiplier(i.scale / o.scale);
  return { inputZeroPoint: i.zeroPoint, outputZeroPoint: o.zeroPoint, multiplier: qm.multiplier, shift: qm.shift };
}
