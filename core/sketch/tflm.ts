// The TFLite Micro backend's generated parts: the op resolver (exactly the model's op types) and the arena size.
import type { BoardSpec } from '../boards/index.js';
import type { Graph, OpType } from '../model/index.js';
import { invalid, type TflmArenaMeasure } from './options.js';

/** MicroMutableOpResolver's Add method for each op type the IR knows (a Record: a new op type fails typecheck). */
const RESOLVER_METHOD: Record<OpType, string> = {
  FULLY_CONNECTED: 'AddFullyConnected',
  CONV_2D: 'AddConv2D',
  DEPTHWISE_CONV_2D: 'AddDepthwiseConv2D',
  AVERAGE_POOL_2D: 'AddAveragePool2D',
  MAX_POOL_2D: 'AddMaxPool2D',
  MEAN: 'AddMean',
  ADD: 'AddAdd',
  MUL: 'AddMul',
  SOFTMAX: 'AddSoftmax',
  LOGISTIC: 'AddLogistic',
  TANH: 'AddTanh',
  RELU: 'AddRelu',
  RELU6: 'AddRelu6',
  QUANTIZE: 'AddQuantize',
  DEQUANTIZE: 'AddDequantize',
  PAD: 'AddPad',
  CONCATENATION: 'AddConcatenation',
  RESHAPE: 'AddReshape',
};

/** The resolver's Add calls, one per distinct op type in the order the model first uses them. */
export function resolverCalls(graph: Graph): string[] {
  const types = [...new Set(graph.ops.map((op) => op.type))];
  return types.map((t) => `${RESOLVER_METHOD[t]}()`);
}

export interface ArenaSize {
  readonly bytes: number;
  /** One line for the sketch's comment and the README. */
  readonly basis: string;
}

/** The measurement plus the margin (at least 1 KiB), rounded up to 16 bytes. */
export function tflmArenaSize(measure: TflmArenaMeasure | undefined, margin: number, board: BoardSpec): ArenaSize {
  if (!measure) {
    throw invalid('the TFLM backend needs an arena measurement for this model',
      'Measure it first (TFLM on the host reports arena_used_bytes, see bench/anchors/tflm.json) and pass tflmArena, or use the native backend, which plans its memory exactly.');
  }
  if (!Number.isInteger(measure.measuredBytes) || measure.measuredBytes <= 0) {
    throw invalid(`TFLM arena measurement ${measure.measuredBytes} is not a positive number of bytes`, 'Pass the arena_used_bytes TFLM reported for this model.');
  }
  if (!Number.isFinite(margin) || margin < 0 || margin > 4) {
    throw invalid(`arena margin ${margin} is out of range`, 'Give the margin as a fraction, e.g. 0.2 for 20 %.');
  }
  const extra = Math.max(1024, Math.ceil(measure.measuredBytes * margin));
  const bytes = Math.ceil((measure.measuredBytes + extra) / 16) * 16;
  if (bytes > board.ramBytes) {
    throw invalid(`the TFLM arena needs ${bytes} bytes but the ${board.name} has ${board.ramBytes} bytes of RAM`,
      'Use the native backend (its planned buffer is smaller), a smaller model, or a board with more RAM.');
  }
  return { bytes, basis: `${measure.measuredBytes} B measured (${measure.source}) + ${extra} B margin, rounded up to 16` };
}

/** TFLM cannot run on 8-bit AVR, and the protocol exchanges int8 tensors. */
export function checkTflmTarget(graph: Graph, board: BoardSpec, tflite: Uint8Array | undefined): void {
  if (board.arch === 'avr') {
    throw invalid(`TFLite Micro does not run on the ${board.name} (8-bit AVR)`, 'Use the native backend: it runs on AVR boards.');
  }
  if (!tflite) {
    throw invalid('the TFLM backend embeds the .tflite, but only its hash was given', 'Pass tflite (the int8 .tflite bytes).');
  }
  for (const [what, list] of [['input', graph.inputs], ['output', graph.outputs]] as const) {
    if (list.length !== 1 || graph.tensors[list[0]!]?.dtype !== 'int8') {
      throw invalid(`the TFLM sketch needs one int8 ${what} tensor; this model has ${list.length} (${list.map((t) => graph.tensors[t]?.dtype).join(', ')})`,
        'Convert with int8 inputs and outputs (inference_input_type=int8), or use the native backend, which drops float edges.');
    }
  }
}
