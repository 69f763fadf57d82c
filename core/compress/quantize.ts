// Post-training full-integer int8 quantization of a float IR graph, following the TFLite converter's conventions.
import * as tf from '@tensorflow/tfjs';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Graph, Op, OpType, Tensor } from '../model/index.js';
import { planActivations, type ActivationPlan, type CalibratorChoice, type ParamSource } from './activation-plan.js';
import { activationTensors, calibrationHistograms } from './calibrate.js';
import { activationParams, quantizeBias, quantizeValue, quantizeWeights, type QuantParams } from './real-to-int8.js';
import { useBestBackend } from './tf-backend.js';
import { batchShape, disposeParams, forwardOutputs, loadParams, type ParamMap } from './tf-graph.js';
import { int32Bytes, int8Bytes, readFloats } from './tensor-values.js';

export interface QuantizeOptions {
  /** Activation range calibrator; 'auto' picks per tensor group by measured output error (default). */
  calibrator?: CalibratorChoice;
  /** Per-channel FULLY_CONNECTED weights (the converter uses one scale per tensor, which is smaller). */
  perChannelFullyConnected?: boolean;
  /** 'int8': int8 model input and output like the converter with int8 I/O; 'float': QUANTIZE/DEQUANTIZE at the I/O. */
  io?: 'int8' | 'float';
  /** At most this many calibration rows are used (default 500). */
  maxCalibrationRows?: number;
}

/** Calibration samples: row-major features for model input 0. */
export interface CalibrationData { features: Float32Array; rows: number }

export interface QuantizeResult {
  graph: Graph;
  /** How many activation tensors took their params from each source. */
  calibratorUse: Partial<Record<ParamSource, number>>;
  calibrationRows: number;
  seconds: number;
  backend: string;
}

/** The op versions the converter writes for int8 models (reference models; see tflite-int8.md §1). */
const INT8_VERSIONS: Record<OpType, number> = {
  FULLY_CONNECTED: 4, CONV_2D: 3, DEPTHWISE_CONV_2D: 3, AVERAGE_POOL_2D: 2, MAX_POOL_2D: 2, RESHAPE: 1, SOFTMAX: 2,
  ADD: 2, MUL: 2, MEAN: 2, PAD: 2, CONCATENATION: 2, QUANTIZE: 1, DEQUANTIZE: 2, LOGISTIC: 2, TANH: 2, RELU: 2, RELU6: 2,
};
const SEARCH_ROWS = 256;

function checkFloatGraph(graph: Graph): void {
  for (const a of activationTensors(graph)) {
    const t = graph.tensors[a]!;
    if (t.dtype !== 'float32') {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `the model is already quantized (tensor "${t.name}" is ${t.dtype})`, {
        advice: 'Quantize the float model (.keras, .h5, TF.js or float .tflite), not an int8 .tflite.',
      });
    }
  }
}

function weightAxis(op: Op): number {
  return op.type === 'DEPTHWISE_CONV_2D' ? 3 : 0;
}

function actTensor(t: Tensor, p: QuantParams): Tensor {
  return { name: t.name, shape: [...t.shape], dtype: 'int8', quant: { scale: [p.scale], zeroPoint: [p.zeroPoint], axis: 0 } };
}

/** Replaces weights by their int8 round trip, so the auto calibrator measures the model that will really run. */
function fakeQuantWeights(graph: Graph, params: ParamMap, perChannelFc: boolean): ParamMap {
  const out: ParamMap = new Map(params);
  for (const op of graph.ops) {
    if (op.type !== 'FULLY_CONNECTED' && op.type !== 'CONV_2D' && op.type !== 'DEPTHWISE_CONV_2D') continue;
    const wi = op.inputs[1]!;
    const t = graph.tensors[wi]!;
    const q = quantizeWeights(readFloats(t), t.shape, weightAxis(op), op.type !== 'FULLY_CONNECTED' || perChannelFc);
    const inner = t.shape.slice(weightAxis(op) + 1).reduce((a, b) => a * b, 1);
    const deq = Float32Array.from(q.values, (v, i) => v * q.scales[q.scales.length === 1 ? 0 : Math.floor(i / inner) % q.scales.length]!);
    out.set(wi, tf.tensor(deq, t.shape, 'float32'));
  }
  return out;
}

function buildInt8Graph(graph: Graph, plan: ActivationPlan, opts: QuantizeOptions): Graph {
  const tensors: Tensor[] = graph.tensors.map((t) => ({ ...t, shape: [...t.shape] }));
  const done = new Set<number>();
  for (const [i, p] of plan.params) { tensors[i] = actTensor(graph.tensors[i]!, p); done.add(i); }
  for (const op of graph.ops) {
    if (op.type !== 'FULLY_CONNECTED' && op.type !== 'CONV_2D' && op.type !== 'DEPTHWISE_CONV_2D') continue;
    const [xi, wi, bi] = op.inputs as [number, number, number | undefined];
    const wt = graph.tensors[wi]!;
    const axis = weightAxis(op);
    const perChannel = op.type !== 'FULLY_CONNECTED' || (opts.perChannelFullyConnected ?? false);
    const wq = quantizeWeights(readFloats(wt), wt.shape, axis, perChannel);
    tensors[wi] = { name: wt.name, shape: [...wt.shape], dtype: 'int8', data: int8Bytes(wq.values),
      quant: { scale: wq.scales, zeroPoint: wq.scales.map(() => 0), axis: perChannel ? axis : 0 } };
    done.add(wi);
    if (bi !== undefined && bi >= 0) {
      const bt = graph.tensors[bi]!;
      const inScale = plan.params.get(xi)?.scale ?? 1;
      const bq = quantizeBias(readFloats(bt), inScale, wq.scales);
      tensors[bi] = { name: bt.name, shape: [...bt.shape], dtype: 'int32', data: int32Bytes(bq.values),
        quant: { scale: bq.scales, zeroPoint: bq.scales.map(() => 0), axis: 0 } };
      done.add(bi);
    }
  }
  // Remaining float constants (e.g. the operand of an ADD or MUL) become int8 with their own range.
  tensors.forEach((t, i) => {
    if (done.has(i) || !t.data || t.dtype !== 'float32') return;
    const v = readFloats(t);
    let min = 0;
    let max = 0;
    for (const x of v) { if (x < min) min = x; if (x > max) max = x; }
    const p = activationParams({ min, max });
    const q = Int8Array.from(v, (x) => quantizeValue(x, p));
    tensors[i] = { name: t.name, shape: [...t.shape], dtype: 'int8', data: int8Bytes(q), quant: { scale: [p.scale], zeroPoint: [p.zeroPoint], axis: 0 } };
  });
  const ops: Op[] = graph.ops.map((op) => ({ ...op, inputs: [...op.inputs], outputs: [...op.outputs], version: INT8_VERSIONS[op.type] }) as Op);
  const out: Graph = { ...graph, tensors, ops, inputs: [...graph.inputs], outputs: [...graph.outputs] };
  delete out.metadata;
  if ((opts.io ?? 'int8') === 'float') addFloatIo(out, graph);
  return out;
}

/** Puts QUANTIZE before each input and DEQUANTIZE after each output, so the model takes and gives float32. */
function addFloatIo(out: Graph, float: Graph): void {
  out.inputs = out.inputs.map((qi) => {
    const fi = out.tensors.push({ name: `${float.tensors[qi]!.name}_f32`, shape: [...float.tensors[qi]!.shape], dtype: 'float32' }) - 1;
    out.ops.unshift({ type: 'QUANTIZE', inputs: [fi], outputs: [qi], options: {}, version: INT8_VERSIONS.QUANTIZE });
    return fi;
  });
  out.outputs = out.outputs.map((qi) => {
    const fi = out.tensors.push({ name: `${float.tensors[qi]!.name}_f32`, shape: [...float.tensors[qi]!.shape], dtype: 'float32' }) - 1;
    out.ops.push({ type: 'DEQUANTIZE', inputs: [qi], outputs: [fi], options: {}, version: INT8_VERSIONS.DEQUANTIZE });
    return fi;
  });
}

/** Full-integer int8 PTQ: per-channel int8 weights, int32 bias, per-tensor asymmetric activations from calibration. */
export async function quantizeInt8(float: Graph, calibration: CalibrationData, opts: QuantizeOptions = {}): Promise<QuantizeResult> {
  const t0 = performance.now();
  checkFloatGraph(float);
  if (float.inputs.length !== 1) {
    throw new TinyDeployError(ErrorCode.ModelUnsupportedType, `the model has ${float.inputs.length} inputs; quantization supports one`, {
      advice: 'Export a model with a single input tensor.' });
  }
  const rows = Math.min(calibration.rows, opts.maxCalibrationRows ?? 500);
  if (rows < 1) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, 'quantization needs at least one calibration sample', {
      advice: 'Pass a dataset (--data) with rows from the training split.' });
  }
  const backend = await useBestBackend();
  const perRow = calibration.features.length / calibration.rows;
  const features = calibration.features.subarray(0, rows * perRow);
  const params = loadParams(float);
  try {
    const hist = calibrationHistograms(float, params, features, rows);
    const calibrator = opts.calibrator ?? 'auto';
    let plan: ActivationPlan;
    if (calibrator === 'auto') {
      const n = Math.min(rows, SEARCH_ROWS);
      const input = tf.tensor(features.subarray(0, n * perRow), batchShape(float, 0, n), 'float32');
      const reference = tf.tidy(() => forwardOutputs(float, params, [input]));
      const fq = fakeQuantWeights(float, params, opts.perChannelFullyConnected ?? false);
      try {
        plan = planActivations(float, hist, 'auto', { params: fq, input, reference });
      } finally {
        for (const [k, v] of fq) if (params.get(k) !== v) v.dispose();
        input.dispose();
        reference.forEach((r) => r.dispose());
      }
    } else {
      plan = planActivations(float, hist, calibrator);
    }
    const graph = buildInt8Graph(float, plan, opts);
    const calibratorUse: Partial<Record<ParamSource, number>> = {};
    for (const s of plan.source.values()) calibratorUse[s] = (calibratorUse[s] ?? 0) + 1;
    return { graph, calibratorUse, calibrationRows: rows, seconds: (performance.now() - t0) / 1000, backend };
  } finally {
    disposeParams(params);
  }
}
