// `tinydeploy compress`: import a float model and a dataset, prune/distill/quantize, print and save the report,
// and write the int8 .tflite. Activation RAM comes from the codegen planner (the native backend's real figure).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { buildBuffers, planMemory } from '../codegen/index.js';
import { compressModel, type CompressPlan } from '../compress/pipeline.js';
import { layerByLayerBytes } from '../compress/memory-bound.js';
import { formatReportTable } from '../compress/report.js';
import { checkReadable, expandHybridWeights, loadDataset, loadModel, reshapeFeatures, splitDataset, writeTflite } from '../formats/index.js';
import type { Graph } from '../model/index.js';
import { COMPRESS_USAGE, parseCompressArgs } from './compress-args.js';
import { shellPath } from './model-advice.js';

/** The native backend's planned arena; falls back to the layer-by-layer bound where the planner declines. */
function plannedBytes(g: Graph): number {
  try { return planMemory(buildBuffers(g, { overlap: true })).arenaBytes; } catch { return layerByLayerBytes(g); }
}

export async function compressCommand(argv: string[]): Promise<number> {
  const args = parseCompressArgs(argv);
  if (!args) { console.log(COMPRESS_USAGE); return 0; }
  await checkReadable(args.data, '--data file', 'file', 'Give a CSV file (feature columns and a label column) or an .npz with x and y arrays.');
  const loaded = await loadModel(args.model);
  const student = args.student ? (await loadModel(args.student)).graph : undefined;
  if (loaded.precision === 'int8') {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `compress: ${args.model} is already an ${loaded.description}; compression starts from the float model`, {
      advice: `Use it as it is: tinydeploy native ${shellPath(args.model)} --out <dir>; or compress the float model it came from (.keras, .h5, TF.js or float .tflite).`,
    });
  }
  if (!args.json) process.stderr.write(`${args.model}: ${loaded.description}\n`);
  // A hybrid .tflite (int8 weights, float activations) is quantized from its weights expanded back to float.
  const model = loaded.precision === 'hybrid' ? expandHybridWeights(loaded.graph) : loaded.graph;
  const inputShape = model.tensors[model.inputs[0]!]!.shape.slice(1);
  const ds = reshapeFeatures(await loadDataset(args.data, args.label ? { labelColumn: args.label } : {}), inputShape);
  const split = splitDataset(ds, { train: 0.7, val: 0.15, test: 0.15, seed: args.seed });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const plan: CompressPlan = {
    ...(args.quantize ? { quantize: { calibrator: args.calibrator } } : {}),
    ...(args.prune ? { prune: args.prune } : {}),
    ...(args.distillWidth !== undefined || student ? { distill: { ...(args.distillWidth !== undefined ? { width: args.distillWidth } : {}), ...(student ? { student } : {}) } } : {}),
    ...(args.epochs !== undefined ? { fineTuneEpochs: args.epochs } : {}),
    ...(args.distillEpochs !== undefined ? { distillEpochs: args.distillEpochs } : {}),
    seed: args.seed,
    signal: controller.signal,
    onProgress: (e) => { if (!args.json) process.stderr.write(`${e.job}: ${e.message ?? e.stage}\n`); },
    activationRam: { fn: plannedBytes, method: 'the native backend\'s static memory plan (core/codegen planner)' },
  };
  try {
    const base = path.basename(args.model).replace(/\.[^.]+$/, '');
    const name = base === 'model' ? path.basename(path.dirname(path.resolve(args.model))) : base;
    const outcome = await compressModel(name, model, { train: split.train, test: split.test }, plan);
    await mkdir(args.out, { recursive: true });
    const table = formatReportTable(outcome.report);
    await writeFile(path.join(args.out, 'report.json'), JSON.stringify(outcome.report, null, 1));
    await writeFile(path.join(args.out, 'report.txt'), `${table}\n`);
    if (outcome.int8) {
      try {
        await writeFile(path.join(args.out, 'model.int8.tflite'), writeTflite(outcome.int8));
      } catch (err) {
        throw new TinyDeployError(ErrorCode.Internal, `the int8 model could not be written as .tflite: ${(err as Error).message}`, { cause: err });
      }
    }
    console.log(args.json ? JSON.stringify(outcome.report, null, 1) : table);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
