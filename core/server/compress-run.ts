// The compress work itself: import, split the dataset, prune/distil/quantize, histograms of every variant.
// compress-worker.ts runs it in a child process for browser mode; Electron runs it in its utility process.
import { ErrorCode, TinyDeployError, type HistogramDto, type ProgressEvent } from '../api/index.js';
import { buildBuffers, planMemory } from '../codegen/index.js';
import { compressModel, type CompressPlan } from '../compress/pipeline.js';
import { layerByLayerBytes } from '../compress/memory-bound.js';
import type { CompressionReport } from '../compress/report.js';
import { importModel, loadDataset, reshapeFeatures, splitDataset, writeTflite } from '../formats/index.js';
import type { Graph } from '../model/index.js';
import { weightHistogram, weightRange } from './histogram.js';

export interface CompressWorkerResult {
  readonly report: CompressionReport;
  readonly histograms: HistogramDto[];
  readonly int8Base64?: string;
}

export interface CompressWorkerInput {
  readonly modelName: string;
  readonly modelBase64: string;
  readonly datasetPath: string;
  readonly quantize: boolean;
  readonly prune?: { method: 'structured' | 'magnitude'; amount: number };
  readonly distillWidth?: number;
  readonly epochs?: number;
}

function plannedBytes(g: Graph): number {
  try { return planMemory(buildBuffers(g, { overlap: true })).arenaBytes; } catch { return layerByLayerBytes(g); }
}

/** The whole compress request; runs wherever it is called (the forked worker, or Electron's utility process). */
export async function runCompressWork(input: CompressWorkerInput, onProgress: (e: ProgressEvent) => void): Promise<CompressWorkerResult> {
  const model = await importModel({ bytes: new Uint8Array(Buffer.from(input.modelBase64, 'base64')), name: input.modelName });
  if (model.tensors.some((t) => t.dtype === 'int8' && !t.data)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `${input.modelName} is already int8: there is nothing left to quantize or train.`, {
      advice: 'Go on to Board with this model, or open the float version of the model to compress it.',
    });
  }
  const inputShape = model.tensors[model.inputs[0]!]!.shape.slice(1);
  const ds = reshapeFeatures(await loadDataset(input.datasetPath), inputShape);
  const split = splitDataset(ds, { train: 0.7, val: 0.15, test: 0.15, seed: 1 });
  const plan: CompressPlan = {
    quantize: input.quantize,
    ...(input.prune ? { prune: input.prune.method === 'structured' ? { method: 'structured', ratio: input.prune.amount } : { method: 'magnitude', sparsity: input.prune.amount } } : {}),
    ...(input.distillWidth !== undefined ? { distill: { width: input.distillWidth } } : {}),
    ...(input.epochs !== undefined ? { fineTuneEpochs: input.epochs, distillEpochs: Math.max(input.epochs, 1) * 3 } : {}),
    seed: 1,
    onProgress,
    activationRam: { fn: plannedBytes, method: 'the native backend\'s static memory plan (core/codegen planner)' },
  };
  const outcome = await compressModel(input.modelName.replace(/\.[^.]+$/, ''), model, { train: split.train, test: split.test }, plan);
  const graphs = [...outcome.variants.map((v) => v.graph), ...(outcome.int8 ? [outcome.int8] : [])];
  const range = weightRange(model);
  const histograms = graphs.map((g) => weightHistogram(g, 41, range));
  const int8Base64 = outcome.int8 ? Buffer.from(writeTflite(outcome.int8)).toString('base64') : undefined;
  return { report: outcome.report, histograms, ...(int8Base64 ? { int8Base64 } : {}) };
}

