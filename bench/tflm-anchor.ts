// Measures TFLite Micro's arena_used_bytes() for every model in ../shared/models and records it in
// bench/anchors/tflm.json: the anchor of the native backend's memory goal. `npm run bench:tflm-anchor`.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS } from '../test/support/tools.js';
import { tflmArena, type TflmArena } from '../test/conformance/tflm.js';

export const TFLM_ANCHOR_FILE = path.join(REPO_ROOT, 'bench', 'anchors', 'tflm.json');

export function measureTflmArenas(): Record<string, TflmArena> {
  const models: Record<string, TflmArena> = {};
  for (const file of readdirSync(SHARED_MODELS).filter((f) => f.endsWith('.tflite')).sort()) {
    models[file] = tflmArena(path.join(SHARED_MODELS, file));
  }
  return models;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const models = measureTflmArenas();
  const doc = {
    about: "TFLite Micro's arena_used_bytes() after AllocateTensors and one Invoke, from the PyPI tflite-micro package (x86-64 host build, its recording allocator); head = activation plan, tail = persistent bookkeeping. Written by `npm run bench:tflm-anchor`; the conformance tier checks it against a fresh measurement.",
    models,
  };
  writeFileSync(TFLM_ANCHOR_FILE, JSON.stringify(doc, null, 2) + '\n');
  console.log(JSON.stringify(models, null, 2));
}
