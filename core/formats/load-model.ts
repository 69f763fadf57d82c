// The one way a command opens a model: checks the path, recognises the format by content (not by the name),
// reads it into the IR and says what it is: format, int8/float/hybrid precision, and a sentence for students.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { Graph } from '../model/index.js';
import { detectModelFormat, importModel, type ModelFormat } from './import-model.js';
import { checkReadable } from './readable-path.js';
import { readTfjsFile } from './tfjs/read-tfjs.js';

/** int8: weights and activations int8 (what TFLite Micro and the native backend run). hybrid: int8 weights with
 * float activations (dynamic-range quantization; TFLite Micro refuses it). float: float weights and activations. */
export type ModelPrecision = 'int8' | 'float' | 'hybrid';

export interface LoadedModel {
  graph: Graph;
  /** The file read (model.json when a TF.js folder was given). */
  file: string;
  bytes: number;
  format: ModelFormat;
  /** The format in words: "TensorFlow Lite flatbuffer", "Keras HDF5 (.h5)"... */
  formatName: string;
  precision: ModelPrecision;
  /** One sentence: what the file is, e.g. "float TensorFlow Lite flatbuffer: float32 weights and activations". */
  description: string;
}

export const FORMAT_NAMES: Readonly<Record<ModelFormat, string>> = {
  tflite: 'TensorFlow Lite flatbuffer',
  keras: 'Keras v3 archive (.keras)',
  h5: 'Keras HDF5 (.h5)',
  tfjs: 'TF.js layers model (model.json)',
};

const EDGE_OPS = new Set(['QUANTIZE', 'DEQUANTIZE']);
const isConst = (g: Graph, t: number): boolean => t >= 0 && g.tensors[t]?.data !== undefined;

/** int8 when every compute op reads int8 activations; hybrid when a float-activation op has int8 weights. */
export function modelPrecision(graph: Graph): ModelPrecision {
  const compute = graph.ops.filter((op) => !EDGE_OPS.has(op.type));
  const activationTypes = (op: Graph['ops'][number]): string[] =>
    op.inputs.filter((t) => t >= 0 && !isConst(graph, t)).map((t) => graph.tensors[t]!.dtype);
  if (compute.length > 0 && compute.every((op) => activationTypes(op).every((d) => d === 'int8' || d === 'int16'))) return 'int8';
  const hybrid = compute.some((op) => activationTypes(op).includes('float32')
    && op.inputs.some((t) => isConst(graph, t) && graph.tensors[t]!.dtype === 'int8'));
  return hybrid ? 'hybrid' : 'float';
}

function describe(graph: Graph, format: ModelFormat, precision: ModelPrecision): string {
  const name = FORMAT_NAMES[format];
  if (precision === 'hybrid') return `hybrid-quantized ${name}: int8 weights with float32 activations (dynamic-range quantization)`;
  if (precision === 'float') return `float ${name}: float32 weights and activations`;
  const io = [...graph.inputs, ...graph.outputs].map((t) => graph.tensors[t]?.dtype);
  const floatIo = io.some((d) => d === 'float32');
  return `int8 ${name}: int8 weights and activations${floatIo ? ', float32 input/output converted at the edges' : ''}`;
}

/** Opens a model file (or a folder holding a TF.js model.json) whatever its format, and says what it is. */
export async function loadModel(source: string): Promise<LoadedModel> {
  const advice = 'Give a .tflite file, a Keras .keras or .h5 file, or a TF.js model.json (or its folder).';
  let file = source;
  if ((await checkReadable(source, 'model', 'file-or-folder', advice)) === 'folder') {
    file = path.join(source, 'model.json');
    await checkReadable(file, 'model', 'file', advice).catch((err: unknown) => {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `cannot read model "${source}": it is a folder without a readable model.json`, { advice, cause: err });
    });
  }
  const bytes = new Uint8Array(await readFile(file));
  const format = detectModelFormat(bytes, file);
  // TF.js reads its weight shards beside model.json, so it goes by path; the others parse the bytes already read.
  const graph = format === 'tfjs' ? await readTfjsFile(file) : await importModel({ bytes, name: path.basename(file) });
  // importModel throws for content and a name it cannot place, so the format is known from here on.
  const known = format!;
  const precision = known === 'tflite' ? modelPrecision(graph) : 'float';
  return { graph, file, bytes: bytes.length, format: known, formatName: FORMAT_NAMES[known], precision, description: describe(graph, known, precision) };
}

/** A hybrid model as float: each int8 weight read by a float op becomes (q - zeroPoint) × scale (per channel). */
export function expandHybridWeights(graph: Graph): Graph {
  const floatOpWeights = new Set(graph.ops
    .filter((op) => op.inputs.some((t) => t >= 0 && !isConst(graph, t) && graph.tensors[t]!.dtype === 'float32'))
    .flatMap((op) => op.inputs.filter((t) => isConst(graph, t) && graph.tensors[t]!.dtype === 'int8')));
  const tensors = graph.tensors.map((t, i) => {
    if (!floatOpWeights.has(i) || !t.data || !t.quant) return t;
    const q = new Int8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    const { scale, zeroPoint, axis } = t.quant;
    // Per-axis: the channel of element k is its index along `axis` (row-major).
    const inner = t.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const channels = t.shape[axis] ?? 1;
    const out = new Float32Array(q.length);
    for (let k = 0; k < q.length; k++) {
      const c = scale.length > 1 ? Math.floor(k / inner) % channels : 0;
      out[k] = (q[k]! - (zeroPoint[c] ?? 0)) * scale[c]!;
    }
    const { quant: _dropped, ...rest } = t;
    return { ...rest, dtype: 'float32' as const, data: new Uint8Array(out.buffer) };
  });
  return { ...graph, tensors };
}
