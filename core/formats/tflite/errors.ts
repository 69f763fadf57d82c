// The typed errors a .tflite file can cause: broken structure, ops we cannot run, content the IR cannot hold.
import { ErrorCode, TinyDeployError } from '../../api/index.js';

/** The file is not a valid TFLite flatbuffer; the message names what is wrong and where. */
export function malformed(message: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.ModelMalformed, `Malformed .tflite file: ${message}.`, {
    advice: 'Re-export the model with the TensorFlow Lite converter; the file may be truncated or corrupted.',
  });
}

/** One error listing every op of the model that TinyDeploy cannot run, by name. */
export class UnsupportedOpsError extends TinyDeployError {
  readonly ops: string[];
  constructor(ops: string[]) {
    super(ErrorCode.ModelUnsupportedOps, `The model uses ops TinyDeploy cannot run: ${ops.join(', ')}.`, {
      advice: 'Rebuild the model with supported layers (Dense, Conv2D, DepthwiseConv2D, pooling, Reshape, '
        + 'Softmax, Add, Mul, Mean, Pad, Concatenate, activations), or replace the listed ops.',
    });
    this.name = 'UnsupportedOpsError';
    this.ops = ops;
  }
}

/** Content that is valid TFLite but outside what the IR holds (a tensor type, sparsity, several subgraphs). */
export function unsupportedContent(message: string, advice: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.ModelUnsupportedType, message, { advice });
}
