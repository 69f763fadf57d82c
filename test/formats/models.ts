// The six shared model files, read from ../shared/models in place (never copied into the repository).
import { readFileSync } from 'node:fs';
import { sharedModel } from '../support/tools.js';

export const MODEL_FILES = [
  'hello_world_float.tflite', 'hello_world_int8.tflite', 'magic_wand_int8.tflite',
  'micro_speech_quantized.tflite', 'person_detect.tflite', 'simple_add_model.tflite',
] as const;

export function modelBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedModel(file)));
}
