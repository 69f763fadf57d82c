// The compress job's own process: tfjs training and calibration run here, never on the server's event loop, so
// the UI stays live and Cancel can end the work at once (the parent kills this process).
import { ErrorCode, TinyDeployError, toErrorDto } from '../api/index.js';
import { buildBuffers, planMemory } from '../codegen/index.js';
import { compressModel, type CompressPlan } from '../compress/pipeline.js';
import { layerByLayerBytes } from '../compress/memory-bound.js';
import { importModel, loadDataset, reshapeFeatures, splitDataset, writeTflite } from '../formats/index.js';
import type { Graph } from '../model/index.js';
import { weightHistogram, weightRange } from './histogram.js';

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

async function run(input: CompressWorkerInput): Promise<void> {
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
    onProgress: (e) => process.send?.({ type: 'progress', event: e }),
    activationRam: { fn: plannedBytes, method: 'the native backend\'s static memory plan (core/codegen planner)' },
  };
  const outcome = await compressModel(input.modelName.replace(/\.[^.]+$/, ''), model, { train: split.train, test: split.test }, plan);
  const graphs = [...outcome.variants.map((v) => v.graph), ...(outcome.int8 ? [outcome.int8] : [])];
  const range = weightRange(model);
  const histograms = graphs.map((g) => weightHistogram(g, 41, range));
  const int8Base64 = outcome.int8 ? Buffer.from(writeTflite(outcome.int8)).toString('base64') : undefined;
  process.send?.({ type: 'done', report: outcome.report, histograms, int8Base64 });
}

process.once('message', (input: CompressWorkerInput) => {
  run(input).then(
    () => process.disconnect?.(),
    (err: unknown) => { process.send?.({ type: 'error', error: toErrorDto(err) }, () => process.disconnect?.()); },
  );
});
