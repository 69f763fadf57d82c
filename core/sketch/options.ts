// What a sketch is rendered from, and the checks on it that give a student an actionable error.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { BoardSpec } from '../boards/index.js';
import { identifierProblem, type RequantLayoutChoice } from '../codegen/index.js';
import type { Graph } from '../model/index.js';

/** Where streamed inputs come from (the host's @in vectors work with every source). */
export type SketchSource = 'serial' | 'imu' | 'mic' | 'analog';
export type SketchBackend = 'native' | 'tflm';
export const SKETCH_SOURCES: readonly SketchSource[] = ['serial', 'imu', 'mic', 'analog'];
export const SKETCH_BACKENDS: readonly SketchBackend[] = ['native', 'tflm'];

export interface TflmArenaMeasure {
  /** Arena bytes TFLM used for this model (arena_used_bytes after AllocateTensors, e.g. bench/anchors/tflm.json). */
  readonly measuredBytes: number;
  /** Where the figure comes from, for the sketch's comment and README ("TFLM 1.x on the host", …). */
  readonly source: string;
}

export interface RenderSketchOptions {
  /** The int8 model (graph IR). */
  readonly model: Graph;
  /** The int8 .tflite bytes (needed by the TFLM backend; else give hash). */
  readonly tflite?: Uint8Array;
  /** FNV-1a 32 of the int8 .tflite as 8 hex digits, when the bytes are not at hand. */
  readonly hash?: string;
  readonly board: BoardSpec;
  /** Default "serial". */
  readonly source?: SketchSource;
  /** Default "native". */
  readonly backend?: SketchBackend;
  /** One per output value; default none (the result line then says y, y1, y2, …). */
  readonly labels?: readonly string[];
  /** Input vectors (int8, each exactly the input size) the serial source streams; default a sweep of the range. */
  readonly demoVectors?: readonly ArrayLike<number>[];
  /** Stream period in ms (0 = as fast as the link allows); default 200. */
  readonly periodMs?: number;
  /** Sketch (folder) name; default "TinyDeploy_<hash>". */
  readonly name?: string;
  /** The model's name in the hello line and README (spaces become _); default the sketch name. */
  readonly modelName?: string;
  /** Native backend: the layout of per-channel requantization constants (codegen's choice; default 'auto'). */
  readonly requantLayout?: RequantLayoutChoice;
  /** Prefix of the generated C symbols; default "model". */
  readonly prefix?: string;
  /** Serial speed; default 115200. */
  readonly baud?: number;
  /** The analog source's pin, default "A0", and the factor from a raw reading to the model's input units
   *  (default 1 / the core's full-scale reading, so the model sees 0 … 1). */
  readonly analogPin?: string;
  readonly analogScale?: number;
  /** TFLM backend: the arena measurement the arena is sized from (plus tflmArenaMargin). */
  readonly tflmArena?: TflmArenaMeasure;
  /** Fraction added to the measurement; default 0.2 (and at least 1 KiB). */
  readonly tflmArenaMargin?: number;
}

export function invalid(message: string, advice: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.InvalidArgument, message, { advice });
}

/** Arduino's sketch-name rule (letters, digits, _ . -, starting with a letter or digit, ≤ 63). */
export function checkSketchName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(name)) {
    throw invalid(`"${name}" is not a valid Arduino sketch name`,
      'Use up to 63 letters, digits, "_", "." or "-", starting with a letter or digit (no spaces).');
  }
  return name;
}

/** The hello's model= field: printable ASCII without spaces or protocol punctuation. */
export function checkModelName(name: string): string {
  const clean = name.trim().replace(/\s+/g, '_');
  if (!/^[\x21-\x7e]{1,48}$/.test(clean) || /[,:=*#@"\\]/.test(clean)) {
    throw invalid(`model name "${name}" cannot be sent in the hello line`,
      'Use 1–48 printable ASCII characters without , : = * # @ " or \\ (spaces become _), e.g. the file name without .tflite.');
  }
  return clean;
}

export function checkPrefix(prefix: string): string {
  const problem = identifierProblem(prefix) ?? identifierProblem(`${prefix}_demo_load`);
  if (problem !== undefined) {
    throw invalid(`invalid C prefix for the model: ${problem}`, 'Choose a prefix such as "model" or "kws": lower-case letters, digits and _.');
  }
  return prefix;
}

/** Labels go into a protocol field: no spaces (they become _), no commas, printable ASCII. */
export function checkLabels(labels: readonly string[] | undefined, outputSize: number): string[] | undefined {
  if (labels === undefined || labels.length === 0) return undefined;
  if (labels.length !== outputSize) {
    throw invalid(`${labels.length} labels for a model with ${outputSize} output values`,
      `Give exactly ${outputSize} labels (one per output value), or none.`);
  }
  return labels.map((l, i) => {
    const clean = l.trim().replace(/\s+/g, '_');
    if (!/^[\x21-\x7e]{1,32}$/.test(clean) || /[,:=*#@"\\]/.test(clean)) {
      throw invalid(`label ${i} "${l}" cannot be sent in a result line`,
        'Labels need 1–32 printable ASCII characters without , : = * # @ " or \\ (spaces become _).');
    }
    return clean;
  });
}

export function checkPeriod(periodMs: number): number {
  if (!Number.isInteger(periodMs) || periodMs < 0 || periodMs > 65535) {
    throw invalid(`stream period ${periodMs} ms is out of range`, 'Give a whole number of milliseconds from 0 (as fast as possible) to 65535.');
  }
  return periodMs;
}

export function checkBaud(baud: number): number {
  if (![9600, 19200, 38400, 57600, 115200, 230400, 250000, 460800, 500000, 921600, 1000000].includes(baud)) {
    throw invalid(`${baud} baud is not a standard serial speed`, 'Use 115200 (the default) or another standard rate such as 9600 or 921600.');
  }
  return baud;
}
