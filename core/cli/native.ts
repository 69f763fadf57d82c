// `tinydeploy native <model> --out <dir> [--prefix p] [--labels a,b] [--json]`: the int8 model as C with its
// kernels, and the memory report. A float or hybrid model gets the exact compress command instead, and
// `--estimate` sizes it (flash, RAM, board fit) without a dataset.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatMemoryReport, generateNativeModel, kernelFilesFor } from '../codegen/index.js';
import { loadModel } from '../formats/index.js';
import { argumentError, parseCommandArgs, type CommandSpec } from './args.js';
import { int8Required } from './model-advice.js';
import { estimateNative, formatEstimate } from './native-estimate.js';

const OPTIONS = {
  out: { type: 'string' }, prefix: { type: 'string' }, labels: { type: 'string' }, json: { type: 'boolean' },
  estimate: { type: 'boolean' },
} as const;

const SPEC: CommandSpec<typeof OPTIONS> = {
  name: 'native',
  synopsis: 'tinydeploy native <int8 model> --out <dir> [--prefix model] [--labels a,b,...] [--json], or tinydeploy native <model> --estimate [--json]',
  help: `Usage: tinydeploy native <int8 model> --out <dir> [--prefix model] [--labels a,b,...] [--json]
       tinydeploy native <model> --estimate [--json]
  --out <dir>        write <prefix>_model.h/.c and the kernels there
  --prefix <name>    C identifier prefix (default model)
  --labels a,b,...   class labels, emitted as <prefix>_labels
  --estimate         no files: the int8 model's RAM, flash and board fit; for a float or hybrid model these are
                     estimates (quantized on random inputs, accuracy not measured)
  --json             print the report as JSON`,
  options: OPTIONS,
  positionals: { min: 1, max: 1, what: 'model file' },
};

export async function nativeCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(SPEC, args);
  if (!parsed) { console.log(SPEC.help); return 0; }
  const { values: v, positionals } = parsed;
  const file = positionals[0]!;
  if (v.estimate && (v.out !== undefined || v.prefix !== undefined || v.labels !== undefined)) {
    throw argumentError(SPEC, '--estimate writes no files: leave out --out, --prefix and --labels');
  }
  if (!v.estimate && !v.out) throw argumentError(SPEC, '--out is missing (the folder for the C files)');
  const loaded = await loadModel(file);
  if (v.estimate) {
    const estimate = await estimateNative(loaded);
    console.log(v.json ? JSON.stringify(estimate) : formatEstimate(estimate));
    return 0;
  }
  if (loaded.precision !== 'int8') throw int8Required('native', file, loaded);
  const out = v.out!;
  const labels = v.labels?.split(',');
  const model = generateNativeModel(loaded.graph, { prefix: v.prefix ?? 'model', ...(labels ? { labels } : {}) });
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, model.headerFileName), model.header);
  await writeFile(path.join(out, model.sourceFileName), model.source);
  const kernels = kernelFilesFor(model.source);
  for (const f of [...kernels.headers, ...kernels.sources]) await copyFile(f, path.join(out, path.basename(f)));
  if (v.json) {
    console.log(JSON.stringify({ header: model.headerFileName, source: model.sourceFileName, format: loaded.format, ...model.report }));
  } else {
    console.log(`${file}: ${loaded.description}`);
    console.log(`wrote ${model.headerFileName}, ${model.sourceFileName} and ${kernels.sources.length} kernel sources to ${out}`);
    console.log(formatMemoryReport(model.report));
  }
  return 0;
}
