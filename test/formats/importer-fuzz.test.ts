// Property-based fuzzing of every importer (fast-check, seeded mutations of the real fixtures): each target runs
// in its own Node process capped at 1 GiB of heap, so a blow-up fails that target instead of killing vitest.
// Each must take >= 5,000 inputs with 0 crashes (anything but TinyDeployError), 0 hangs (a case over 5 s, or a
// silent child) and a peak resident set under 1 GiB. FUZZ_RUNS changes the count (e.g. for a longer local run).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/tools.js';
import type { FuzzReport } from './fuzz/run-fuzz.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const RUNNER = path.join(REPO_ROOT, 'test', 'formats', 'fuzz', 'run-fuzz.ts');
/** A child that prints no progress for this long is stuck in one case: a hang. */
const SILENCE_MS = 60_000;

function runTarget(target: string): Promise<{ report?: FuzzReport; exit: number | null; stderr: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=1024', '--import', 'tsx', RUNNER, target, String(RUNS)], {
      cwd: REPO_ROOT, env: { ...process.env, TINYDEPLOY_H5_TIMEOUT_MS: '1000' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    let watchdog = setTimeout(() => { hung = true; child.kill('SIGKILL'); }, SILENCE_MS);
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
      clearTimeout(watchdog);
      watchdog = setTimeout(() => { hung = true; child.kill('SIGKILL'); }, SILENCE_MS);
    });
    child.on('close', (exit) => {
      clearTimeout(watchdog);
      const line = stdout.trim().split('\n').pop() ?? '';
      let report: FuzzReport | undefined;
      try { report = JSON.parse(line) as FuzzReport; } catch { report = undefined; }
      resolve({ report, exit, stderr, hung });
    });
  });
}

describe('fuzzing every importer (property-based, in a child process)', () => {
  for (const target of ['tflite', 'h5', 'keras', 'tfjs', 'csv', 'npy']) {
    it(`${target}: ${RUNS} mutated inputs, 0 crashes, 0 hangs, peak memory under 1 GiB`, async () => {
      const { report, exit, stderr, hung } = await runTarget(target);
      expect(hung, `the ${target} fuzzer went silent (a hang); last output: ${stderr.slice(-300)}`).toBe(false);
      expect(exit, `the ${target} fuzzer process failed (an out-of-memory abort?): ${stderr.slice(-600)}`).toBe(0);
      expect(report).toBeDefined();
      const r = report!;
      console.log(`fuzz ${JSON.stringify({ ...r, crashes: r.crashes.length, hangs: r.hangs.length })}`);
      expect(r.inputs).toBeGreaterThanOrEqual(RUNS);
      expect(r.crashes).toEqual([]);
      expect(r.hangs).toEqual([]);
      expect(r.peakRssMiB).toBeLessThan(1024);
      // Both outcomes occur: the mutations reach past the first check, and they do break things.
      expect(r.accepted).toBeGreaterThan(0);
      expect(r.rejected).toBeGreaterThan(RUNS / 10);
    }, 20 * 60_000);
  }
});
