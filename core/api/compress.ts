// Compress DTOs: the techniques a student picks and the measured comparison of every variant.
import { isFiniteNumber, isJobId, isObject, isOptional, isString } from './guards.js';
import type { HistogramDto } from './model.js';

export interface CompressRequest {
  readonly jobId: string;
  readonly modelId: string;
  readonly quantize: boolean;
  readonly prune?: { readonly method: 'structured' | 'magnitude'; readonly amount: number };
  /** Distil into a student this many times as wide (0 < w < 1). */
  readonly distillWidth?: number;
  /** Fine-tuning epochs after pruning/distillation; small for a quick classroom run. */
  readonly epochs?: number;
  /** A CSV the student picked (base64), when the model is not an example with its own dataset. */
  readonly dataset?: { readonly name: string; readonly base64: string };
}

export type VariantKind = 'original' | 'quantize' | 'prune-structured' | 'prune-magnitude' | 'distill';

export interface VariantDto {
  readonly name: string;
  readonly kind: VariantKind;
  readonly dtype: 'float32' | 'int8';
  readonly params: number;
  readonly weightBytes: number;
  readonly zippedWeightBytes: number;
  readonly activationRamBytes: number;
  readonly macs: number;
  /** Accuracy (classification) or RMSE (regression) on the held-out test split. */
  readonly metric: number;
  /** What this technique did, in the course's words, with the measured figures. */
  readonly explanation: string;
  readonly notes: readonly string[];
  readonly histogram: HistogramDto;
}

export interface CompressResultDto {
  readonly task: 'classification' | 'regression';
  readonly metricName: 'accuracy' | 'rmse';
  readonly activationRamMethod: string;
  readonly variants: readonly VariantDto[];
  /** The model id of the int8 result, ready for Board and Flash (absent when quantization was not asked for). */
  readonly deployModelId?: string;
  readonly seconds: number;
}

export function isCompressRequest(x: unknown): x is CompressRequest {
  if (!isObject(x) || !isJobId(x.jobId) || !isString(x.modelId, 100) || typeof x.quantize !== 'boolean') return false;
  const p = x.prune;
  if (p !== undefined && !(isObject(p) && (p.method === 'structured' || p.method === 'magnitude') &&
    isFiniteNumber(p.amount) && p.amount > 0 && p.amount < 1)) return false;
  if (!isOptional(x.distillWidth, isFiniteNumber) || (x.distillWidth !== undefined && (x.distillWidth <= 0 || x.distillWidth >= 1))) return false;
  if (!isOptional(x.epochs, isFiniteNumber) || (x.epochs !== undefined && (!Number.isInteger(x.epochs) || x.epochs < 0 || x.epochs > 200))) return false;
  const d = x.dataset;
  return d === undefined || (isObject(d) && isString(d.name, 500) && isString(d.base64, 100 * 1024 * 1024));
}
