// Reference interpreter speed on the shared models: Prepare time and per-inference time (median of N runs, wall
// and CPU). The goal: person_detect well under 500 ms per inference. `npm run bench:runtime -- --json`.
import { readFileSync } from 'node:fs';
import { readTflite } from '../core/formats/tflite/index.js';
import { createInterpreter, type TensorData } from '../core/runtime/index.js';
import { sharedModel } from '../test/support/tools.js';

const MODELS = ['person_detect.tflite', 'magic_wand_int8.tflite', 'micro_speech_quantized.tflite', 'hello_world_int8.tflite'];
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

interface Row { model: string; prepareMs: number; medianMs: number; cpuMsPerRun: number; goalMs?: number; meetsGoal?: boolean }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(model: string): Row {
  const g = readTflite(new Uint8Array(readFileSync(sharedModel(model))));
  const t0 = performance.now();
  const interp = createInterpreter(g);
  const prepareMs = performance.now() - t0;
  let seed = 1;
  const inputs: TensorData[] = g.inputs.map((ti) => {
    const t = g.tensors[ti]!;
    const n = t.shape.reduce((a, b) => a * b, 1);
    seed = (seed * 48271) % 2147483647;
    return t.dtype === 'float32' ? Float32Array.from({ length: n }, (_, i) => Math.sin(i + seed)) : Int8Array.from({ length: n }, (_, i) => ((i * 31 + seed) % 256) - 128);
  });
  for (let i = 0; i < 3; i++) interp.run(inputs); // warm-up: let the JIT compile the kernels
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    interp.run(inputs);
    times.push(performance.now() - s);
  }
  const cpu = process.cpuUsage(cpu0);
  const row: Row = { model, prepareMs: round(prepareMs), medianMs: round(median(times)), cpuMsPerRun: round((cpu.user + cpu.system) / 1000 / RUNS) };
  if (model === 'person_detect.tflite') { row.goalMs = 500; row.meetsGoal = row.medianMs < 500; }
  return row;
}

function round(x: number): number { return Math.round(x * 10) / 10; }

const rows = MODELS.map(bench);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ runs: RUNS, rows }, null, 2));
} else {
  for (const r of rows) console.log(`${r.model.padEnd(32)} prepare ${String(r.prepareMs).padStart(7)} ms   run ${String(r.medianMs).padStart(7)} ms (cpu ${r.cpuMsPerRun} ms)${r.goalMs ? `   goal < ${r.goalMs} ms: ${r.meetsGoal ? 'met' : 'MISSED'}` : ''}`);
}
