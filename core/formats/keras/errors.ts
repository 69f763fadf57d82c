// The typed errors of the float-model importers: broken files and layers TinyDeploy cannot convert.
import { ErrorCode, TinyDeployError } from '../../api/index.js';

export function malformedModel(source: string, what: string, cause?: unknown): TinyDeployError {
  return new TinyDeployError(ErrorCode.ModelMalformed, `Malformed ${source}: ${what}.`, {
    advice: 'Save the model again from Keras (model.save) or TF.js (model.save); the file may be truncated or edited.',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** One error naming every layer the importer cannot convert, as "Class 'name' (reason)". */
export class UnsupportedLayersError extends TinyDeployError {
  readonly layers: { className: string; name: string; reason?: string }[];
  constructor(layers: { className: string; name: string; reason?: string }[]) {
    const list = layers.map((l) => `${l.className} '${l.name}'${l.reason ? ` (${l.reason})` : ''}`).join(', ');
    super(ErrorCode.ModelUnsupportedOps, `The model has layers TinyDeploy cannot import: ${list}.`, {
      advice: 'Rebuild the model with supported layers: Dense, Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D, '
        + 'Max/AveragePooling, GlobalAveragePooling, BatchNormalization, Flatten, Reshape, Dropout, Add, Concatenate, '
        + 'ZeroPadding2D, Rescaling, Normalization, and activations relu, relu6, sigmoid, tanh, softmax, linear.',
    });
    this.name = 'UnsupportedLayersError';
    this.layers = layers;
  }
}
