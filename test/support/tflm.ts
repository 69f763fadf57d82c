// Drives TFLite Micro through scripts/tflm/tflm_tool.py (PyPI `tflite-micro` in .tools/venv): the golden reference.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SHARED_MODELS, TOOLS_DIR, fileExists, type ToolCheck } from './tools.js';

export const TFLM_PYTHON = path.join(TOOLS_DIR, 'venv', 'bin', 'python');
const TOOL = path.join(REPO_ROOT, 'scripts', 'tflm', 'tflm_tool.py');

export const tflmCheck: ToolCheck = fileExists('the TFLM Python venv (.tools/venv with tflite-micro)', TFLM_PYTHON);

export interface TflmArena { arena: number; head: number; tail: number }

export function tflmArena(modelPath: string): TflmArena {
  return JSON.parse(execFileSync(TFLM_PYTHON, [TOOL, 'arena', modelPath], { encoding: 'utf8' })) as TflmArena;
}

/** Runs every sample (one byte array per model input) through TFLM; returns each sample's output bytes. */
export function runTflm(model: string | Uint8Array, samples: Uint8Array[][], outputBytes: number[]): Uint8Array[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'tflm-'));
  try {
    let modelPath: string;
    if (typeof model === 'string') {
      modelPath = model;
    } else {
      modelPath = path.join(dir, 'model.tflite');
      writeFileSync(modelPath, model);
    }
    const inputsPath = path.join(dir, 'inputs.bin');
    const outputsPath = path.join(dir, 'outputs.bin');
    writeFileSync(inputsPath, Buffer.concat(samples.flat()));
    execFileSync(TFLM_PYTHON, [TOOL, 'run', modelPath, inputsPath, String(samples.length), outputsPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    const raw = new Uint8Array(readFileSync(outputsPath));
    const perSample = outputBytes.reduce((a, b) => a + b, 0);
    if (raw.length !== perSample * samples.length) {
      throw new Error(`TFLM wrote ${raw.length} output bytes, expected ${perSample * samples.length}`);
    }
    const result: Uint8Array[][] = [];
    let offset = 0;
    for (let s = 0; s < samples.length; s++) {
      const outs: Uint8Array[] = [];
      for (const n of outputBytes) {
        outs.push(raw.slice(offset, offset + n));
        offset += n;
      }
      result.push(outs);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** bench:tflm-anchor's record of TFLM's arena per model; the conformance tier checks it against a fresh run. */
export const TFLM_ANCHOR_FILE = path.join(REPO_ROOT, 'bench', 'anchors', 'tflm.json');

export function measureTflmArenas(): Record<string, TflmArena> {
  const models: Record<string, TflmArena> = {};
  for (const file of readdirSync(SHARED_MODELS).filter((f) => f.endsWith('.tflite')).sort()) {
    models[file] = tflmArena(path.join(SHARED_MODELS, file));
  }
  return models;
}
