// Measures TFLite Micro's arena_used_bytes() for every model in ../shared/models and records it in
// bench/anchors/tflm.json: the anchor of the native backend's memory goal. `npm run bench:tflm-anchor`.
import { writeFileSync } from 'node:fs';
import { measureTflmArenas, TFLM_ANCHOR_FILE } from '../test/support/tflm.js';

const models = measureTflmArenas();
const doc = {
  about: "TFLite Micro's arena_used_bytes() after AllocateTensors and one Invoke, from the PyPI tflite-micro package (x86-64 host build, its recording allocator); head = activation plan, tail = persistent bookkeeping. Written by `npm run bench:tflm-anchor`; the conformance tier checks it against a fresh measurement.",
  models,
};
writeFileSync(TFLM_ANCHOR_FILE, JSON.stringify(doc, null, 2) + '\n');
console.log(JSON.stringify(models, null, 2));
