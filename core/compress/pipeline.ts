// One compression run as the CLI and the app ask for it: optional pruning, then distillation, then int8 PTQ,
// each step measured into the report against the original model.
import type { ProgressListener } from '../api/index.js';
import { checkFloatRun, type Graph } from '../model/index.js';
import { distill } from './distill.js';
import { evaluate } from './evaluate.js';
import { MAGNITUDE_NOTE, modelFigures, newReport, variantReport, LAYER_BY_LAYER, type ActivationRam, type CompressionReport, type ModelFigures } from './report.js';
import { pruneMagnitude } from './prune-magnitude.js';
import { pruneStructured } from './prune-structured.js';
import { quantizeInt8, type QuantizeOptions } from './quantize.js';
import { rowsOf, checkSamples, type Samples } from './samples.js';
import { currentBackend } from './tf-backend.js';

export type PruneSpec = { method: 'structured'; ratio: number } | { method: 'magnitude'; sparsity: number };

export interface CompressPlan {
  quantize?: QuantizeOptions | boolean;
  prune?: PruneSpec;
  distill?: { width?: number; student?: Graph; temperature?: number; alpha?: number };
  /** Fine-tuning epochs after pruning (default 8) and distillation epochs (default 30). */
  fineTuneEpochs?: number;
  distillEpochs?: number;
  learningRate?: number;
  batchSize?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Activation RAM per variant; the CLI passes the codegen planner, the default is the layer-by-layer bound. */
  activationRam?: { fn: ActivationRam; method: string };
}

export interface CompressOutcome {
  report: CompressionReport;
  /** The last float variant (pruned and/or distilled, or the original). */
  float: Graph;
  /** Its int8 version, when quantization was asked for. */
  int8?: Graph;
  variants: { name: string; graph: Graph }[];
}

export async function compressModel(name: string, original: Graph, data: { train: Samples; test: Samples }, plan: CompressPlan): Promise<CompressOutcome> {
  checkSamples(original, data.train, 'training');
  checkSamples(original, data.test, 'test');
  // Refuse before tfjs allocates anything: a step that would pass the memory budget ends the process, not the job.
  const trains = plan.prune !== undefined || plan.distill !== undefined;
  checkFloatRun(original, Math.min(plan.batchSize ?? 32, data.train.rows), trains, trains ? 'training' : 'evaluation');
  const ram = plan.activationRam?.fn;
  const report = newReport(name, original, plan.activationRam?.method ?? LAYER_BY_LAYER);
  const train = { epochs: 0, learningRate: plan.learningRate ?? 0.002, batchSize: plan.batchSize ?? 32, seed: plan.seed ?? 1,
    ...(plan.signal ? { signal: plan.signal } : {}), ...(plan.onProgress ? { onProgress: plan.onProgress } : {}) };
  const figures = async (g: Graph): Promise<ModelFigures> => modelFigures(g, (await evaluate(g, data.test)).metric, ram);
  const base = await figures(original);
  report.variants.push(variantReport('original', 'original', base, base));
  const variants = [{ name: 'original', graph: original }];
  let current = original;
  if (plan.prune?.method === 'structured') {
    const r = await pruneStructured(current, { ...train, ratio: plan.prune.ratio, train: data.train, epochs: plan.fineTuneEpochs ?? 8 });
    current = r.graph;
    const note = `structured ${plan.prune.ratio}: ${r.changes.map((c) => `${c.name} ${c.channelsBefore}→${c.channelsAfter}`).join(', ')}`;
    report.variants.push(variantReport(`pruned structured ${plan.prune.ratio}`, 'prune-structured', await figures(current), base, [note]));
    variants.push({ name: 'pruned', graph: current });
  } else if (plan.prune?.method === 'magnitude') {
    const r = await pruneMagnitude(current, { ...train, sparsity: plan.prune.sparsity, train: data.train, epochs: plan.fineTuneEpochs ?? 8 });
    current = r.graph;
    report.variants.push(variantReport(`pruned magnitude ${plan.prune.sparsity}`, 'prune-magnitude', await figures(current), base,
      [`${(100 * r.sparsity).toFixed(1)}% of filter weights are zero.`, MAGNITUDE_NOTE]));
    variants.push({ name: 'pruned', graph: current });
  }
  if (plan.distill) {
    const r = await distill(current, { ...train, train: data.train, epochs: plan.distillEpochs ?? 30, ...plan.distill });
    current = r.graph;
    report.variants.push(variantReport(plan.distill.student ? 'distilled student' : `distilled width ${plan.distill.width ?? 0.5}`, 'distill',
      await figures(current), base, [`distillation T=${r.temperature}, alpha=${r.alpha}, trained on ${r.backend}`]));
    variants.push({ name: 'distilled', graph: current });
  }
  let int8: Graph | undefined;
  if (plan.quantize) {
    const calib = rowsOf(data.train, 0, Math.min(500, data.train.rows));
    const q = await quantizeInt8(current, calib, plan.quantize === true ? {} : plan.quantize);
    int8 = q.graph;
    const uses = Object.entries(q.calibratorUse).map(([k, v]) => `${k} ${v}`).join(', ');
    report.variants.push(variantReport(current === original ? 'int8' : 'compressed int8', 'quantize', await figures(int8), base,
      [`int8 PTQ on ${q.calibrationRows} calibration rows in ${q.seconds.toFixed(2)} s; activation params: ${uses}; accuracy from core/runtime`]));
    variants.push({ name: 'int8', graph: int8 });
  }
  report.backend = currentBackend();
  return { report, float: current, ...(int8 ? { int8 } : {}), variants };
}
