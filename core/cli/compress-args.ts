// Parses `tinydeploy compress` arguments into a plan; every mistake is a typed error saying what to write instead.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { CalibratorChoice } from '../compress/activation-plan.js';
import type { PruneSpec } from '../compress/pipeline.js';

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
  return new TinyDeployError(ErrorCode.InvalidArgument, message, { advice });
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

export function parseCompressArgs(args: readonly string[]): CompressArgs {
  const positional: string[] = [];
  const o: Partial<CompressArgs> & { quantize: boolean; json: boolean; calibrator: CalibratorChoice; seed: number } =
    { quantize: false, json: false, calibrator: 'auto', seed: 1 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    if (a === '--json') { o.json = true; continue; }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw bad(`${a} needs a value`, COMPRESS_USAGE);
    i++;
    switch (a) {
      case '--data': o.data = value; break;
      case '--out': o.out = value; break;
      case '--quantize':
        if (value !== 'int8') throw bad(`--quantize "${value}" is not supported`, 'Only --quantize int8 is available.');
        o.quantize = true; break;
      case '--prune': o.prune = parsePrune(value); break;
      case '--distill': {
        const [kind, w, ...rest] = value.split(':');
        if (kind !== 'width' || w === undefined || rest.length) throw bad(`--distill "${value}" is not a student description`, 'Write --distill width:0.5, or give --student <model>.');
        o.distillWidth = fraction('--distill', w, 'width:0.5'); break;
      }
      case '--student': o.student = value; break;
      case '--calibrator':
        if (!['auto', 'minmax', 'percentile', 'mse'].includes(value)) throw bad(`--calibrator "${value}" is unknown`, 'Use auto, minmax, percentile or mse.');
        o.calibrator = value as CalibratorChoice; break;
      case '--epochs': o.epochs = positiveInt(a, value); break;
      case '--distill-epochs': o.distillEpochs = positiveInt(a, value); break;
      case '--label': o.label = value; break;
      case '--seed': o.seed = positiveInt(a, value); break;
      default: throw bad(`unknown option ${a}`, COMPRESS_USAGE);
    }
  }
  if (positional.length !== 1) throw bad(positional.length ? `expected one model file, got ${positional.join(' ')}` : 'no model file given', COMPRESS_USAGE);
  if (!o.data) throw bad('--data is missing: compression measures accuracy on a dataset', 'Add --data <file.csv> (feature columns and a label column).');
  if (!o.out) throw bad('--out is missing', 'Add --out <folder> for the report and the .tflite.');
  if (!o.quantize && !o.prune && o.distillWidth === undefined && !o.student) {
    throw bad('nothing to do: give --quantize, --prune or --distill', COMPRESS_USAGE);
  }
  return { ...o, model: positional[0]!, data: o.data, out: o.out } as CompressArgs;
}
