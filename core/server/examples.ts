// The built-in examples: the TFLite Micro models in the shared models folder, read in place (never copied).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExampleDto } from '../api/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the shared models live; TINYDEPLOY_MODELS_DIR overrides it (a packaged app ships its own copy). */
export function modelsDir(): string {
  return process.env.TINYDEPLOY_MODELS_DIR ?? path.resolve(REPO, '..', 'shared', 'models');
}

interface Example extends ExampleDto {
  readonly file: string;
  readonly datasetFile?: string;
}

const EXAMPLES: readonly Example[] = [
  {
    id: 'hello_world', title: 'Hello World (sine)', file: 'hello_world_float.tflite', task: 'regression', quantized: false,
    description: 'Learns y = sin(x) for x in [0, 2π] with three small dense layers: the "blink" of TinyML. Float, ready to quantize.',
    dataset: 'sine.csv (x, sin x + noise)', datasetFile: path.join(REPO, 'test', 'fixtures', 'data', 'sine.csv'),
  },
  {
    id: 'hello_world_int8', title: 'Hello World, int8', file: 'hello_world_int8.tflite', task: 'regression', quantized: true,
    description: 'The same sine model, already quantized to int8 by TensorFlow Lite: skip Compress and go to Board.',
  },
  {
    id: 'magic_wand', title: 'Magic Wand', file: 'magic_wand_int8.tflite', task: 'classification', quantized: true,
    description: 'Recognises gestures (wing, ring, slope) drawn in the air from the Nano 33 BLE Sense\'s accelerometer. int8.',
  },
  {
    id: 'micro_speech', title: 'Micro Speech', file: 'micro_speech_quantized.tflite', task: 'classification', quantized: true,
    description: 'Keyword spotting: hears "yes" and "no" in one-second spectrograms from a microphone. int8.',
  },
];

export function listExamples(): ExampleDto[] {
  return EXAMPLES.map(({ file: _f, datasetFile: _d, ...dto }) => dto);
}

export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}

export function examplePath(e: Example): string {
  return path.join(modelsDir(), e.file);
}
