// Tier "tflm": every kernel variant (fixed cases plus random scales and zero points) as a one-op model, written to
// .tflite and run in TFLite Micro and in our interpreter on random inputs; int8 outputs must be byte-identical,
// float32 within 1e-5 (libm's tanhf and V8's Math.tanh differ by an ulp).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTflite } from '../../core/formats/tflite/index.js';
import { createInterpreter, type TensorData } from '../../core/runtime/index.js';
import { fileExists, REPO_ROOT, tierAvailable, TOOLS_DIR } from '../support/tools.js';
import { floatCases, int8Cases, type OpCase } from './op-cases.js';
import { randomInt8Cases } from './random-cases.js';
import { rng } from './graph-builder.js';

const PYTHON = path.join(TOOLS_DIR, 'venv', 'bin', 'python');
const SAMPLES = 40;
const available = tierAvailable('tflm', [fileExists('the tflite-micro Python venv (.tools/venv)', PYTHON),
  fileExists('scripts/tflm/tflm_tool.py', path.join(REPO_ROOT, 'scripts', 'tflm', 'tflm_tool.py'))]);

interface Prepared { c: OpCase; samples: TensorData[][]; outFile: string }

describe.runIf(available)('runtime vs TFLite Micro, one op at a time', () => {
  const cases = [...int8Cases(), ...floatCases(), ...randomInt8Cases(31337, 3)];
  const dir = mkdtempSync(path.join(tmpdir(), 'tinydeploy-tflm-ops-'));
  const prepared: Prepared[] = [];
  let stderr = '';

  beforeAll(() => {
    const r = rng(99);
    const manifest = cases.map((c, k) => {
      const g = c.graph;
      const samples = Array.from({ length: SAMPLES }, () => g.inputs.map((ti) => {
        const t = g.tensors[ti]!;
        const n = t.shape.reduce((a, b) => a * b, 1);
        return t.dtype === 'float32' ? r.float(n, -8, 8) : r.int8(n);
      }));
      const model = path.join(dir, `${k}.tflite`);
      const inputs = path.join(dir, `${k}.in`);
      const outFile = path.join(dir, `${k}.out`);
      writeFileSync(model, writeTflite(g));
      writeFileSync(inputs, Buffer.concat(samples.flat().map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))));
      prepared.push({ c, samples, outFile });
      return { model, inputs, count: SAMPLES, outputs: outFile };
    });
    const manifestFile = path.join(dir, 'manifest.json');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const res = spawnSync(PYTHON, [path.join(REPO_ROOT, 'test', 'runtime', 'tflm_batch.py'), manifestFile], { encoding: 'utf8' });
    stderr = res.stderr;
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [k, c] of cases.entries()) {
    it(`${c.name} matches TFLM on ${SAMPLES} random inputs`, () => {
      const p = prepared[k]!;
      expect(existsSync(p.outFile), `TFLM did not run ${c.name}: ${stderr}`).toBe(true);
      const ref = readFileSync(p.outFile);
      const interp = createInterpreter(c.graph);
      let off = 0;
      for (const sample of p.samples) {
        for (const out of interp.run(sample)) {
          const bytes = ref.subarray(off, off + out.byteLength);
          off += out.byteLength;
          if (out instanceof Float32Array) {
            const theirs = new Float32Array(new Uint8Array(bytes).buffer);
            out.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 5));
          } else {
            expect(Buffer.from(out.buffer, out.byteOffset, out.byteLength).equals(bytes)).toBe(true);
          }
        }
      }
      expect(off).toBe(ref.byteLength);
    });
  }
});
