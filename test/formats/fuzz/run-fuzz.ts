// Runs one importer's fuzz target in this process and prints one JSON line of counts: inputs, accepted, rejected,
// crashes (anything but TinyDeployError), slow cases (over the per-case budget), the slowest case and peak memory.
// Started by importer-fuzz.test.ts as a child with --max-old-space-size, so a blow-up fails one run, not vitest.
// Usage: node --import tsx test/formats/fuzz/run-fuzz.ts <target> [runs] [seed]
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { TinyDeployError } from '../../../core/api/index.js';
import { TARGETS } from './targets.js';

/**
 * A case that takes longer than this counts as a hang. Importers finish these small files in milliseconds; the
 * slowest legitimate case is HDF5's own deadline (1 s in the fuzz run) plus starting a fresh HDF5 worker after it.
 */
export const CASE_BUDGET_MS = 5000;

export interface FuzzReport {
  target: string;
  seed: number;
  inputs: number;
  accepted: number;
  rejected: number;
  /** Rejections by a deadline inside the importer (HDF5 stopped after TINYDEPLOY_H5_TIMEOUT_MS). */
  deadlines: number;
  crashes: { index: number; error: string }[];
  hangs: { index: number; ms: number }[];
  slowestCaseMs: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  seconds: number;
}

async function main(): Promise<void> {
  const [name = '', runsArg, seedArg] = process.argv.slice(2);
  const make = TARGETS[name];
  if (!make) throw new Error(`unknown target '${name}' (${Object.keys(TARGETS).join(', ')})`);
  const target = make();
  const runs = Number(runsArg ?? 5000);
  const seed = Number(seedArg ?? 0x5eed);
  const started = performance.now();
  const report: FuzzReport = {
    target: target.name, seed, inputs: 0, accepted: 0, rejected: 0, deadlines: 0, crashes: [], hangs: [], slowestCaseMs: 0, peakRssMiB: 0, peakHeapMiB: 0, seconds: 0,
  };
  let peakHeap = 0;
  // Warm-up (not counted): loading h5wasm in its worker takes seconds once, which is start-up, not a slow case.
  for (const input of fc.sample(target.input, { numRuns: 1, seed })) await Promise.resolve().then(() => target.run(input as never)).catch(() => undefined);
  await fc.assert(fc.asyncProperty(target.input, async (input) => {
    const index = report.inputs++;
    // FUZZ_TRACE=<file>: the input about to run, so a case that never returns can be replayed.
    if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, (input as unknown) instanceof Uint8Array ? input as Uint8Array : JSON.stringify(input, (_, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)));
    const t0 = performance.now();
    try {
      await target.run(input as never);
      report.accepted++;
    } catch (e) {
      if (e instanceof TinyDeployError) {
        report.rejected++;
        if (/did not finish reading/.test(e.message)) report.deadlines++;
      }
      else if (report.crashes.length < 20) report.crashes.push({ index, error: String((e as Error)?.stack ?? e).split('\n').slice(0, 4).join(' | ') });
      else report.crashes.push({ index, error: 'more' });
    }
    const ms = performance.now() - t0;
    report.slowestCaseMs = Math.max(report.slowestCaseMs, ms);
    if (ms > CASE_BUDGET_MS) report.hangs.push({ index, ms: Math.round(ms) });
    if ((index & 63) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if ((index & 255) === 0) process.stderr.write(`${index}\n`); // progress, so the parent can tell a hang from a slow run
    return true;
  }), { numRuns: runs, seed, endOnFailure: true });
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  report.slowestCaseMs = Math.round(report.slowestCaseMs);
  report.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB: the process peak
  report.peakHeapMiB = Math.round(peakHeap / 2 ** 20);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().then(() => process.exit(0), (e: unknown) => { process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`); process.exit(3); });
