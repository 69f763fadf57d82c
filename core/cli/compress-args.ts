// Parses `tinydeploy compress` arguments into a plan (through the shared parseArgs helper); every mistake is a
// typed error saying what to write instead.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { CalibratorChoice } from '../compress/activation-plan.js';
import type { PruneSpec } from '../compress/pipeline.js';
import { parseCommandArgs, type CommandSpec } from './args.js';
import { shellPath } from './model-advice.js';

export const COMPRESS_USAGE = `Usage: tinydeploy compress <model> --data <csv|npz> --out <dir> [options]
  --quantize int8               full-integer int8 PTQ; writes <out>/model.int8.tflite
  --prune structured:<ratio>    remove that fraction of neurons/filters (e.g. structured:0.5), then fine-tune
  --prune magnitude:<sparsity>  zero that fraction of weights with a schedule (e.g. magnitude:0.8)
  --distill width:<w>           train a student w× as wide as the model from it (e.g. width:0.5)
  --student <model>             distill into this model instead of a derived one
  --calibrator <name>           auto (default), minmax, percentile or mse
  --epochs <n>                  fine-tuning epochs after pruning (default 8)
  --distill-epochs <n>          distillation epochs (default 30)
  --label <column>              the CSV's label column (default: label, target, class, y or the last)
  --seed <n>                    seed for the split, shuffles and initial weights (default 1)
  --json                        print the report as JSON instead of a table`;

export interface CompressArgs {
  model: string;
  data: string;
  out: string;
  quantize: boolean;
  prune?: PruneSpec;
  distillWidth?: number;
  student?: string;
  calibrator: CalibratorChoice;
  epochs?: number;
  distillEpochs?: number;
  label?: string;
  seed: number;
  json: boolean;
}

function bad(message: string, advice: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.InvalidArgument, `compress: ${message}`, { advice });
}

function fraction(flag: string, text: string, example: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0 || v >= 1) {
    throw bad(`${flag}: "${text}" is not a number between 0 and 1`, `Write for example ${flag} ${example}.`);
  }
  return v;
}

function parsePrune(value: string): PruneSpec {
  const [method, amount, ...rest] = value.split(':');
  if (rest.length === 0 && amount !== undefined) {
    if (method === 'structured') return { method, ratio: fraction('--prune', amount, 'structured:0.5') };
    if (method === 'magnitude') return { method, sparsity: fraction('--prune', amount, 'magnitude:0.8') };
  }
  throw bad(`--prune "${value}" is not a pruning method`, 'Write --prune structured:<ratio> (e.g. structured:0.5) or --prune magnitude:<sparsity> (e.g. magnitude:0.8).');
}

function positiveInt(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0) throw bad(`${flag}: "${text}" is not a whole number`, `Write for example ${flag} 10.`);
  return v;
}

const OPTIONS = {
  data: { type: 'string' }, out: { type: 'string' }, quantize: { type: 'string' }, prune: { type: 'string' },
  distill: { type: 'string' }, student: { type: 'string' }, calibrator: { type: 'string' }, epochs: { type: 'string' },
  'distill-epochs': { type: 'string' }, label: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' },
} as const;

export const COMPRESS_SPEC: CommandSpec<typeof OPTIONS> = {
  name: 'compress',
  synopsis: 'tinydeploy compress <model> --data <csv|npz> --out <dir> [--quantize int8] [--prune structured:0.5] [--distill width:0.5] (--help for all)',
  help: COMPRESS_USAGE,
  options: OPTIONS,
  positionals: { min: 1, max: 1, what: 'model file' },
};

/** The plan from argv, or null when --help was asked for. */
export function parseCompressArgs(args: readonly string[]): CompressArgs | null {
  const parsed = parseCommandArgs(COMPRESS_SPEC, args);
  if (!parsed) return null;
  const v = parsed.values;
  const o: CompressArgs = { model: parsed.positionals[0]!, data: v.data ?? '', out: v.out ?? '', quantize: false,
    calibrator: 'auto', seed: 1, json: v.json ?? false };
  if (v.quantize !== undefined) {
    if (v.quantize !== 'int8') throw bad(`--quantize "${v.quantize}" is not supported`, 'Only --quantize int8 is available.');
    o.quantize = true;
  }
  if (v.prune !== undefined) o.prune = parsePrune(v.prune);
  if (v.distill !== undefined) {
    const [kind, w, ...rest] = v.distill.split(':');
    if (kind !== 'width' || w === undefined || rest.length) throw bad(`--distill "${v.distill}" is not a student description`, 'Write --distill width:0.5, or give --student <model>.');
    o.distillWidth = fraction('--distill', w, 'width:0.5');
  }
  if (v.student !== undefined) o.student = v.student;
  if (v.calibrator !== undefined) {
    if (!['auto', 'minmax', 'percentile', 'mse'].includes(v.calibrator)) throw bad(`--calibrator "${v.calibrator}" is unknown`, 'Use auto, minmax, percentile or mse.');
    o.calibrator = v.calibrator as CalibratorChoice;
  }
  if (v.epochs !== undefined) o.epochs = positiveInt('--epochs', v.epochs);
  if (v['distill-epochs'] !== undefined) o.distillEpochs = positiveInt('--distill-epochs', v['distill-epochs']);
  if (v.label !== undefined) o.label = v.label;
  if (v.seed !== undefined) o.seed = positiveInt('--seed', v.seed);
  if (!o.data) {
    throw bad('--data is missing: compression measures accuracy on a dataset',
      `Add --data <file.csv|.npz> (feature columns and a label column). No data at hand? tinydeploy native ${shellPath(o.model)} --estimate sizes the int8 model without accuracy.`);
  }
  if (!o.out) throw bad('--out is missing', 'Add --out <folder> for the report and the .tflite.');
  if (!o.quantize && !o.prune && o.distillWidth === undefined && !o.student) {
    throw bad('nothing to do: give --quantize, --prune or --distill', `For example: tinydeploy compress ${shellPath(o.model)} --data ${shellPath(o.data)} --out ${shellPath(o.out)} --quantize int8`);
  }
  return o;
}
