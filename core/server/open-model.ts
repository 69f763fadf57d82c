// The Model step: read a model (example or picked file), check its shapes, and measure it layer by layer.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError, type ModelDto, type ModelSourceDto } from '../api/index.js';
import { detectModelFormat, importModel } from '../formats/index.js';
import { inferShapes, layerStats, type Graph } from '../model/index.js';
import { taskOf } from '../compress/task.js';
import { exampleById, examplePath } from './examples.js';
import { weightHistogram } from './histogram.js';
import type { ModelStore, StoredModel } from './model-store.js';

/** Model files larger than this are refused before parsing (person_detect is 300 KB; a board holds at most MBs). */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;

async function sourceBytes(source: ModelSourceDto): Promise<{ name: string; bytes: Uint8Array; exampleId?: string }> {
  if (source.kind === 'file') {
    const bytes = new Uint8Array(Buffer.from(source.base64, 'base64'));
    if (bytes.length === 0) throw new TinyDeployError(ErrorCode.ModelMalformed, `${source.name} is empty.`, { advice: 'Pick the model file again; it has 0 bytes.' });
    return { name: path.basename(source.name), bytes };
  }
  const example = exampleById(source.id);
  if (!example) throw new TinyDeployError(ErrorCode.InvalidArgument, `There is no example "${source.id}".`, { advice: 'Pick one of the listed examples.' });
  try {
    return { name: path.basename(example.file), bytes: new Uint8Array(await readFile(examplePath(example))), exampleId: example.id };
  } catch (err) {
    throw new TinyDeployError(ErrorCode.NotAvailable, `The example model ${path.basename(example.file)} is not on this machine.`, {
      cause: err, advice: `Put the TFLite Micro example models in ${path.dirname(examplePath(example))} or set TINYDEPLOY_MODELS_DIR.`,
    });
  }
}

export function describeModel(m: StoredModel, format: string): ModelDto {
  const g: Graph = m.graph;
  const stats = layerStats(g);
  const tensor = (i: number) => ({ name: g.tensors[i]!.name, shape: [...g.tensors[i]!.shape], dtype: g.tensors[i]!.dtype });
  const int8 = g.tensors.some((t) => t.dtype === 'int8' && !t.data);
  const example = m.exampleId ? exampleById(m.exampleId) : undefined;
  return {
    id: m.id, name: m.name, format, fileBytes: m.bytes.length, task: taskOf(g), dtype: int8 ? 'int8' : 'float32',
    ...(g.description ? { description: g.description } : {}),
    inputs: g.inputs.map(tensor), outputs: g.outputs.map(tensor),
    layers: stats.ops.map((s) => ({ ...s, inputShapes: s.inputShapes.map((x) => (x ? [...x] : null)), outputShapes: s.outputShapes.map((x) => [...x]) })),
    totals: { params: stats.totals.params, macs: stats.totals.macs, weightBytes: stats.totals.weightBytes, peakLayerActivationBytes: stats.totals.peakLayerActivationBytes },
    histogram: weightHistogram(g),
    ...(m.exampleId ? { exampleId: m.exampleId } : {}),
    ...(example?.dataset ? { dataset: example.dataset } : {}),
  };
}

export async function openModel(store: ModelStore, source: ModelSourceDto): Promise<ModelDto> {
  const { name, bytes, exampleId } = await sourceBytes(source);
  if (bytes.length > MAX_MODEL_BYTES) {
    throw new TinyDeployError(ErrorCode.ModelMalformed, `${name} is ${bytes.length} bytes, more than the ${MAX_MODEL_BYTES} a microcontroller model can be.`, {
      advice: 'Pick the model file (.tflite, .keras, .h5 or model.json), not a dataset or an archive of many files.',
    });
  }
  const format = detectModelFormat(bytes, name) ?? 'unknown';
  let graph: Graph;
  try {
    graph = await importModel({ bytes, name });
    inferShapes(graph);
  } catch (err) {
    if (err instanceof TinyDeployError) {
      // Name the file the student picked: the readers only know bytes. The subclass keeps its UI fields (ops).
      if (!err.message.includes(name)) err.message = `${name}: ${err.message}`;
      throw err;
    }
    throw new TinyDeployError(ErrorCode.ModelMalformed, `${name} could not be read as a ${format === 'unknown' ? 'model' : format} file: ${(err as Error).message}`, {
      cause: err, advice: 'Check that the file is complete (download it again) and is a .tflite, .keras, .h5 or TF.js model.',
    });
  }
  const stored = store.add({ name, bytes, graph, ...(exampleId ? { exampleId } : {}) });
  return describeModel(stored, format);
}
