// The built-in examples: hello_world (float and int8) and its dataset from examples/ (shipped with the app), plus
// the TFLite Micro classifiers when their files are found in the models folder (read in place, never copied).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExampleDto } from '../api/index.js';
import { shippedDir } from '../resources.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the optional TFLite Micro models live; TINYDEPLOY_MODELS_DIR overrides the shared folder beside the checkout. */
export function modelsDir(): string {
  return process.env.TINYDEPLOY_MODELS_DIR ?? path.resolve(REPO, '..', 'shared', 'models');
}

interface Example extends ExampleDto {
  readonly file: string;
  /** 'shipped': examples/ of the app; 'models': modelsDir(), listed only when the file is there. */
  readonly from: 'shipped' | 'models';
  readonly datasetFile?: string;
}

const EXAMPLES: readonly Example[] = [
  {
    id: 'hello_world', title: 'Hello World (sine)', file: 'hello_world_float.tflite', from: 'shipped', task: 'regression', quantized: false,
    description: 'Learns y = sin(x) for x in [0, 2π] with three small dense layers: the "blink" of TinyML. Float, ready to quantize.',
    dataset: 'sine.csv (x, sin x + noise)', datasetFile: 'sine.csv',
  },
  {
    id: 'hello_world_int8', title: 'Hello World, int8', file: 'hello_world_int8.tflite', from: 'shipped', task: 'regression', quantized: true,
    description: 'The same sine model, already quantized to int8 by TensorFlow Lite: skip Compress and go to Board.',
  },
  {
    id: 'magic_wand', title: 'Magic Wand', file: 'magic_wand_int8.tflite', from: 'models', task: 'classification', quantized: true,
    description: 'Recognises gestures (wing, ring, slope) drawn in the air from the Nano 33 BLE Sense\'s accelerometer. int8.',
  },
  {
    id: 'micro_speech', title: 'Micro Speech', file: 'micro_speech_quantized.tflite', from: 'models', task: 'classification', quantized: true,
    description: 'Keyword spotting: hears "yes" and "no" in one-second spectrograms from a microphone. int8.',
  },
];

function resolved(e: Example): Example {
  const dir = e.from === 'shipped' ? shippedDir('examples') : modelsDir();
  return { ...e, file: path.join(dir, e.file), ...(e.datasetFile ? { datasetFile: path.join(dir, e.datasetFile) } : {}) };
}

/** The examples whose files are there (the shipped ones always are; the TFLite Micro ones when found). */
export function listExamples(): ExampleDto[] {
  return EXAMPLES.map(resolved).filter((e) => existsSync(e.file)).map(({ file: _f, datasetFile: _d, from: _s, ...dto }) => dto);
}

/** The example with its files as absolute paths. */
export function exampleById(id: string): Example | undefined {
  const e = EXAMPLES.find((x) => x.id === id);
  return e && resolved(e);
}

export function examplePath(e: Example): string {
  return e.file;
}
