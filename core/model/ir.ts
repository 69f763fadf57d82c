// The graph IR: what every reader produces and every consumer (runtime, codegen, compress, writer) reads.

export type DType =
  | 'float32' | 'float16' | 'float64'
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64'
  | 'bool' | 'string' | 'int4';

/** Bytes per element; 'string' and 'int4' have no fixed size and report 0 and 0.5. */
export const DTYPE_BYTES: Readonly<Record<DType, number>> = {
  float32: 4, float16: 2, float64: 8, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8,
  bool: 1, string: 0, int4: 0.5,
};

/** Affine quantization: real = (q - zeroPoint) * scale; per-tensor when scale has one entry, else per-axis. */
export interface Quantization {
  scale: number[];
  zeroPoint: number[];
  /** The quantized dimension for per-axis quantization (0 for CONV_2D filters, 3 for depthwise). */
  axis: number;
  min?: number[];
  max?: number[];
}

export interface Tensor {
  name: string;
  shape: number[];
  dtype: DType;
  quant?: Quantization;
  /** Constant data, little-endian raw bytes as stored in the model; absent for activations. */
  data?: Uint8Array;
  isVariable?: boolean;
  /** The shape signature (-1 = dynamic dimension), kept only when the file had one. */
  shapeSignature?: number[];
}

export type Padding = 'SAME' | 'VALID';
export type Activation = 'NONE' | 'RELU' | 'RELU_N1_TO_1' | 'RELU6' | 'TANH' | 'SIGN_BIT';

export interface FullyConnectedOptions { activation: Activation; keepNumDims: boolean; weightsFormat: 'DEFAULT' | 'SHUFFLED4x16INT8'; asymmetricQuantizeInputs: boolean }
export interface Conv2DOptions { padding: Padding; strideW: number; strideH: number; dilationW: number; dilationH: number; activation: Activation }
export interface DepthwiseConv2DOptions extends Conv2DOptions { depthMultiplier: number }
export interface Pool2DOptions { padding: Padding; strideW: number; strideH: number; filterW: number; filterH: number; activation: Activation }
export interface ActivationOptions { activation: Activation }
export interface ConcatenationOptions { axis: number; activation: Activation }
export interface ReshapeOptions { newShape?: number[] }
export interface SoftmaxOptions { beta: number }
export interface MeanOptions { keepDims: boolean }
export type NoOptions = Record<string, never>;

/** Options by op type: the discriminated union that keeps attributes typed. */
export interface OpOptionsMap {
  FULLY_CONNECTED: FullyConnectedOptions;
  CONV_2D: Conv2DOptions;
  DEPTHWISE_CONV_2D: DepthwiseConv2DOptions;
  AVERAGE_POOL_2D: Pool2DOptions;
  MAX_POOL_2D: Pool2DOptions;
  RESHAPE: ReshapeOptions;
  SOFTMAX: SoftmaxOptions;
  ADD: ActivationOptions;
  MUL: ActivationOptions;
  MEAN: MeanOptions;
  PAD: NoOptions;
  CONCATENATION: ConcatenationOptions;
  QUANTIZE: NoOptions;
  DEQUANTIZE: NoOptions;
  LOGISTIC: NoOptions;
  TANH: NoOptions;
  RELU: NoOptions;
  RELU6: NoOptions;
}

export type OpType = keyof OpOptionsMap;
export const OP_TYPES: readonly OpType[] = [
  'FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'AVERAGE_POOL_2D', 'MAX_POOL_2D', 'RESHAPE', 'SOFTMAX',
  'ADD', 'MUL', 'MEAN', 'PAD', 'CONCATENATION', 'QUANTIZE', 'DEQUANTIZE', 'LOGISTIC', 'TANH', 'RELU', 'RELU6',
];

export type Op = { [K in OpType]: OpOf<K> }[OpType];
export interface OpOf<K extends OpType> {
  type: K;
  /** Tensor indices; -1 marks an optional input that is absent (e.g. a missing bias). */
  inputs: number[];
  outputs: number[];
  options: OpOptionsMap[K];
  /** The op version written to .tflite (the converter's numbering); the reader keeps what the file had. */
  version: number;
}

/** One metadata entry of the model file, kept so a written model carries it again. */
export interface MetadataEntry { name: string; data: Uint8Array }

export interface Graph {
  name: string;
  tensors: Tensor[];
  ops: Op[];
  inputs: number[];
  outputs: number[];
  description?: string;
  metadata?: MetadataEntry[];
}

export function isOpType(x: string): x is OpType {
  return (OP_TYPES as readonly string[]).includes(x);
}

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function tensorBytes(t: Tensor): number {
  return Math.ceil(elementCount(t.shape) * DTYPE_BYTES[t.dtype]);
}
