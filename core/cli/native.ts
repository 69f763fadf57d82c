// `tinydeploy native <model> --out <dir> [--prefix p] [--labels a,b] [--json]`: the model as C with its kernels,
// and the memory report (activation buffer, layer-by-layer bound, weights, per layer).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { formatMemoryReport, generateNativeModel, nativeKernelFiles } from '../codegen/index.js';
import { readTflite } from '../formats/index.js';

const USAGE = 'Usage: tinydeploy native <model.tflite> --out <dir> [--prefix model] [--labels a,b,...] [--json]';

function usageError(message: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.InvalidArgument, message, { advice: USAGE });
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw usageError(`${name} needs a value`);
  return v;
}

export async function nativeCommand(args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && !['--out', '--prefix', '--labels'].includes(args[i - 1] ?? ''));
  const out = option(args, '--out');
  if (!file || !out) throw usageError('give a model file and --out <dir>');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `Cannot read model "${file}"`, { cause: err, advice: 'Give the path of an int8 .tflite file.' });
  }
  const labels = option(args, '--labels')?.split(',');
  const model = generateNativeModel(readTflite(bytes), { prefix: option(args, '--prefix') ?? 'model', ...(labels ? { labels } : {}) });
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, model.headerFileName), model.header);
  await writeFile(path.join(out, model.sourceFileName), model.source);
  const kernels = nativeKernelFiles(model.kernels);
  for (const f of [...kernels.headers, ...kernels.sources]) await copyFile(f, path.join(out, path.basename(f)));
  if (args.includes('--json')) {
    console.log(JSON.stringify({ header: model.headerFileName, source: model.sourceFileName, ...model.report }));
  } else {
    console.log(`wrote ${model.headerFileName}, ${model.sourceFileName} and ${kernels.sources.length} kernel sources to ${out}`);
    console.log(formatMemoryReport(model.report));
  }
  return 0;
}
