// Deploy's first stage: open the model whatever its format, and make sure an int8 model comes out of it
// (quantizing a float model with a calibration dataset when asked), with the .tflite bytes the board's hash names.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { quantizeInt8 } from '../compress/index.js';
import { modelHash } from '../device/protocol/index.js';
import { loadDataset, loadModel, reshapeFeatures, writeTflite, type Dataset } from '../formats/index.js';
import type { Graph } from '../model/index.js';

export interface PreparedModel {
  readonly graph: Graph;
  /** The int8 .tflite: the file given, or the one written after quantizing. */
  readonly tflite: Uint8Array;
  readonly hash: string;
  /** File name without extension, e.g. "hello_world_int8". */
  readonly name: string;
  readonly quantized: boolean;
  /** The dataset given with --data, reshaped to the model input (for calibration and validation). */
  readonly dataset?: Dataset;
}

export interface PrepareOptions {
  readonly quantize?: 'int8';
  readonly data?: string;
}

export async function prepareModel(file: string, opts: PrepareOptions = {}): Promise<PreparedModel> {
  const loaded = await loadModel(file);
  const name = path.basename(loaded.file).replace(/\.[^.]+$/, '');
  const inputShape = loaded.graph.tensors[loaded.graph.inputs[0]!]!.shape.slice(1);
  const dataset = opts.data ? reshapeFeatures(await loadDataset(opts.data), inputShape) : undefined;
  if (loaded.precision === 'int8') {
    const tflite = new Uint8Array(await readFile(loaded.file));
    return { graph: loaded.graph, tflite, hash: modelHash(tflite), name, quantized: false, ...(dataset ? { dataset } : {}) };
  }
  if (opts.quantize !== 'int8') {
    throw new TinyDeployError(ErrorCode.ModelUnsupportedType, `${file} is a ${loaded.description}; boards run int8 models`, {
      advice: 'Add --quantize int8 --data <calibration CSV or .npz> to quantize it on the way, or run tinydeploy compress first.',
    });
  }
  if (!dataset) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, 'Quantizing to int8 needs calibration data', {
      advice: 'Add --data <CSV or .npz> with a few hundred typical inputs (the training set will do).',
    });
  }
  const q = await quantizeInt8(loaded.graph, { features: dataset.features, rows: dataset.rows }, { io: 'int8' });
  const tflite = writeTflite(q.graph);
  return { graph: q.graph, tflite, hash: modelHash(tflite), name, quantized: true, dataset };
}
