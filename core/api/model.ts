// Model DTOs: what the Model step shows (the per-layer table of `tinydeploy inspect`) and how a model is opened.
import { isObject, isString } from './guards.js';

/** A built-in example the server reads in place (the shared TFLite Micro models). */
export interface ExampleDto {
  readonly id: string;
  readonly title: string;
  /** One sentence: what the model does and what it was trained on. */
  readonly description: string;
  readonly task: 'classification' | 'regression';
  /** True when the file is already int8 (nothing left to quantize). */
  readonly quantized: boolean;
  /** The dataset Compress measures accuracy on, when the example ships one. */
  readonly dataset?: string;
}

/** Open a built-in example, or a file the student picked (its bytes, base64, with its name). */
export type ModelSourceDto =
  | { readonly kind: 'example'; readonly id: string }
  | { readonly kind: 'file'; readonly name: string; readonly base64: string };

export interface TensorDto {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

export interface LayerDto {
  readonly index: number;
  readonly op: string;
  readonly inputShapes: readonly (readonly number[] | null)[];
  readonly outputShapes: readonly (readonly number[])[];
  readonly params: number;
  readonly macs: number;
  readonly weightBytes: number;
  readonly activationBytes: number;
}

/** Counts of weight values in equal-width bins between min and max. */
export interface HistogramDto {
  readonly min: number;
  readonly max: number;
  readonly counts: readonly number[];
}

export interface ModelDto {
  /** The server's handle for this model in later calls (compress, fit, deploy). */
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly fileBytes: number;
  readonly description?: string;
  readonly task: 'classification' | 'regression';
  readonly dtype: 'float32' | 'int8';
  readonly inputs: readonly TensorDto[];
  readonly outputs: readonly TensorDto[];
  readonly layers: readonly LayerDto[];
  readonly totals: { readonly params: number; readonly macs: number; readonly weightBytes: number; readonly peakLayerActivationBytes: number };
  readonly histogram: HistogramDto;
  /** The example this came from, so Compress knows its dataset. */
  readonly exampleId?: string;
  readonly dataset?: string;
}

export function isModelSourceDto(x: unknown): x is ModelSourceDto {
  if (!isObject(x)) return false;
  if (x.kind === 'example') return isString(x.id, 100);
  if (x.kind === 'file') return isString(x.name, 500) && isString(x.base64, 200 * 1024 * 1024);
  return false;
}

export function isModelDto(x: unknown): x is ModelDto {
  return isObject(x) && isString(x.id) && isString(x.name) && Array.isArray(x.layers) && isObject(x.totals);
}
