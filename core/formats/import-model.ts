// One entry point for every model file a student may bring: picks the reader from the name and the bytes' magic.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Graph } from '../model/index.js';
import { looksLikeHdf5 } from './keras/h5.js';
import { readKerasH5 } from './keras/read-h5.js';
import { readKerasZip } from './keras/read-keras.js';
import { readTfjs, readTfjsFile } from './tfjs/read-tfjs.js';
import { readTflite } from './tflite/index.js';
import { readInputFile } from './safe-file.js';

export type ModelFormat = 'tflite' | 'keras' | 'h5' | 'tfjs';

/** A model as a path (file, or a folder holding model.json), or as bytes with the file's name. */
export type ModelSource = string | {
  bytes: Uint8Array;
  name: string;
  /** TF.js only: the weight shards by the paths model.json names. */
  shards?: Record<string, Uint8Array>;
};

/** The format by content first (magic bytes), then by extension; undefined when neither says. */
export function detectModelFormat(bytes: Uint8Array, name: string): ModelFormat | undefined {
  const ext = path.extname(name).toLowerCase();
  if (bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === 'TFL3') return 'tflite';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'keras';
  if (looksLikeHdf5(bytes)) return 'h5';
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith('{')) return 'tfjs';
  const byExt: Record<string, ModelFormat> = { '.tflite': 'tflite', '.keras': 'keras', '.h5': 'h5', '.hdf5': 'h5', '.json': 'tfjs' };
  return byExt[ext];
}

function unknownFormat(name: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.ModelUnsupportedType, `${name} is not a model file TinyDeploy can read.`, {
    advice: 'Open a .tflite, a Keras .keras or .h5 file, or a TF.js model.json (with its .bin files beside it).',
  });
}

/** Reads a float (or already quantized .tflite) model into the IR. */
export async function importModel(source: ModelSource): Promise<Graph> {
  if (typeof source === 'string') {
    let file = source;
    if ((await stat(source).catch(() => undefined))?.isDirectory()) file = path.join(source, 'model.json');
    const bytes = await readInputFile(file, 'model');
    if (detectModelFormat(bytes, file) === 'tfjs') return readTfjsFile(file);
    return importModel({ bytes, name: path.basename(file) });
  }
  const { bytes, name } = source;
  const format = detectModelFormat(bytes, name);
  switch (format) {
    case 'tflite': return readTflite(bytes);
    case 'keras': return readKerasZip(bytes);
    case 'h5': return readKerasH5(bytes);
    case 'tfjs': return readTfjs({ modelJson: bytes, shards: source.shards ?? {} });
    default: throw unknownFormat(name);
  }
}
