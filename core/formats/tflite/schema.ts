// Field ids, union indices and enum values of the TFLite schema subset we read and write (tflite-int8.md §1).
import type { Activation, DType, OpType, Padding } from '../../model/index.js';

export const FILE_IDENTIFIER = 'TFL3';
export const SCHEMA_VERSION = 3;
/** deprecated_builtin_code holds codes up to 126; 127 says "look at builtin_code". */
export const PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

export const ModelField = { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4, metadataBuffer: 5, metadata: 6 } as const;
export const SubGraphField = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 } as const;
export const TensorField = {
  shape: 0, type: 1, buffer: 2, name: 3, quantization: 4, isVariable: 5, sparsity: 6, shapeSignature: 7,
} as const;
export const BufferField = { data: 0, offset: 1, size: 2 } as const;
export const OperatorField = {
  opcodeIndex: 0, inputs: 1, outputs: 2, builtinOptionsType: 3, builtinOptions: 4, customOptions: 5,
} as const;
export const OperatorCodeField = { deprecatedBuiltinCode: 0, customCode: 1, version: 2, builtinCode: 3 } as const;
export const QuantField = { min: 0, max: 1, scale: 2, zeroPoint: 3, detailsType: 4, details: 5, quantizedDimension: 6 } as const;
export const MetadataField = { name: 0, buffer: 1 } as const;

/** TensorType enum by value; null marks types the schema has but the IR cannot hold. */
export const TENSOR_TYPES: readonly (DType | null)[] = [
  'float32', 'float16', 'int32', 'uint8', 'int64', 'string', 'bool', 'int16', null /* COMPLEX64 */, 'int8',
  'float64', null /* COMPLEX128 */, null /* UINT64 */, null /* RESOURCE */, null /* VARIANT */, 'uint32',
  'uint16', 'int4', null /* BFLOAT16 */,
];
export const TENSOR_TYPE_NAMES: readonly string[] = [
  'FLOAT32', 'FLOAT16', 'INT32', 'UINT8', 'INT64', 'STRING', 'BOOL', 'INT16', 'COMPLEX64', 'INT8', 'FLOAT64',
  'COMPLEX128', 'UINT64', 'RESOURCE', 'VARIANT', 'UINT32', 'UINT16', 'INT4', 'BFLOAT16',
];

export function tensorTypeCode(dtype: DType): number {
  return TENSOR_TYPES.indexOf(dtype);
}

export const PADDINGS: readonly Padding[] = ['SAME', 'VALID'];
export const ACTIVATIONS: readonly Activation[] = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'];
export const WEIGHTS_FORMATS = ['DEFAULT', 'SHUFFLED4x16INT8'] as const;

/** Builtin code and BuiltinOptions union index (0 = the op has no options table) of each op the IR holds. */
export const OP_CODES: Readonly<Record<OpType, { code: number; options: number }>> = {
  ADD: { code: 0, options: 11 },
  AVERAGE_POOL_2D: { code: 1, options: 5 },
  CONCATENATION: { code: 2, options: 10 },
  CONV_2D: { code: 3, options: 1 },
  DEPTHWISE_CONV_2D: { code: 4, options: 2 },
  DEQUANTIZE: { code: 6, options: 38 },
  FULLY_CONNECTED: { code: 9, options: 8 },
  LOGISTIC: { code: 14, options: 0 },
  MAX_POOL_2D: { code: 17, options: 5 },
  MUL: { code: 18, options: 21 },
  RELU: { code: 19, options: 0 },
  RELU6: { code: 21, options: 0 },
  RESHAPE: { code: 22, options: 17 },
  SOFTMAX: { code: 25, options: 9 },
  TANH: { code: 28, options: 0 },
  PAD: { code: 34, options: 22 },
  MEAN: { code: 40, options: 27 },
  QUANTIZE: { code: 114, options: 89 },
};

/** Field ids inside each options table. */
export const Conv2DField = { padding: 0, strideW: 1, strideH: 2, activation: 3, dilationW: 4, dilationH: 5 } as const;
export const DepthwiseField = {
  padding: 0, strideW: 1, strideH: 2, depthMultiplier: 3, activation: 4, dilationW: 5, dilationH: 6,
} as const;
export const Pool2DField = { padding: 0, strideW: 1, strideH: 2, filterW: 3, filterH: 4, activation: 5 } as const;
export const FullyConnectedField = { activation: 0, weightsFormat: 1, keepNumDims: 2, asymmetricQuantizeInputs: 3 } as const;
export const SoftmaxField = { beta: 0 } as const;
export const ConcatenationField = { axis: 0, activation: 1 } as const;
export const AddField = { activation: 0, potScaleInt16: 1 } as const;
export const MulField = { activation: 0 } as const;
export const ReshapeField = { newShape: 0 } as const;
export const ReducerField = { keepDims: 0 } as const;
