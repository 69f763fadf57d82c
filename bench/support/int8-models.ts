// The int8 models of ../shared/models that the native-backend benchmarks measure, compiled once per run.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateNativeModel, type NativeModel } from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import type { Graph } from '../../core/model/index.js';
import { SHARED_MODELS } from '../../test/support/tools.js';

export interface BenchModel { file: string; path: string; graph: Graph; native: NativeModel; prefix: string }

/** Every model whose inputs and outputs are int8 (the float model is out of scope for the native backend). */
export function int8Models(): BenchModel[] {
  const out: BenchModel[] = [];
  for (const file of readdirSync(SHARED_MODELS).filter((f) => f.endsWith('.tflite')).sort()) {
    const p = path.join(SHARED_MODELS, file);
    const graph = readTflite(readFileSync(p));
    const io = [...graph.inputs, ...graph.outputs].map((t) => graph.tensors[t]!.dtype);
    if (!io.every((d) => d === 'int8')) continue;
    const prefix = 'bench';
    out.push({ file, path: p, graph, prefix, native: generateNativeModel(graph, { prefix }) });
  }
  return out;
}
