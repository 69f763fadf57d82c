// Compiles generated models with the host gcc under ASan/UBSan into one harness binary and runs inputs through it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kernelFilesFor, nativeKernelsDir, type NativeModel } from '../../core/codegen/index.js';

export const STRICT_FLAGS = ['-std=c99', '-Wall', '-Wextra', '-Werror'];
const SANITIZE = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-g', '-O1'];

export interface HostBinary {
  /** Runs model `index` of the binary on concatenated inputs; returns the concatenated outputs. */
  run(index: number, inputs: Uint8Array): Uint8Array;
  /** The same, without blocking: the golden model can be computed meanwhile. */
  runAsync(index: number, inputs: Uint8Array): Promise<Uint8Array>;
  dir: string;
}

/** The harness main: argv[1] picks the model; it reads whole inputs from stdin until EOF and writes outputs. */
function harnessMain(models: readonly { prefix: string; model: NativeModel }[]): string {
  const P = (m: { prefix: string }): string => m.prefix.toUpperCase();
  return [
    '#include <stdio.h>', '#include <stdlib.h>', '#include <stdint.h>',
    ...models.map((m) => `#include "${m.model.headerFileName}"`),
    'int main(int argc, char **argv) {',
    '  int which = argc > 1 ? atoi(argv[1]) : 0;',
    '  static int8_t in[1 << 20], out[1 << 20];',
    '  size_t in_size, out_size;',
    '  switch (which) {',
    ...models.map((m, i) => `  case ${i}: in_size = ${P(m)}_INPUT_SIZE; out_size = ${P(m)}_OUTPUT_SIZE; break;`),
    '  default: return 2;',
    '  }',
    '  while (fread(in, 1, in_size, stdin) == in_size) {',
    '    switch (which) {',
    ...models.map((m, i) => `    case ${i}: ${m.prefix}_invoke(in, out); break;`),
    '    }',
    '    if (fwrite(out, 1, out_size, stdout) != out_size) return 3;',
    '  }',
    '  return 0;',
    '}',
    '',
  ].join('\n');
}

/** Writes every model and the harness, compiles them with the kernels in one gcc call, returns a runner. */
export function buildHostBinary(models: readonly { prefix: string; model: NativeModel }[], options: { sanitize?: boolean } = {}): HostBinary {
  const dir = mkdtempSync(path.join(tmpdir(), 'td-native-'));
  const sources: string[] = [];
  for (const { model } of models) {
    writeFileSync(path.join(dir, model.headerFileName), model.header);
    writeFileSync(path.join(dir, model.sourceFileName), model.source);
    sources.push(path.join(dir, model.sourceFileName));
  }
  writeFileSync(path.join(dir, 'harness.c'), harnessMain(models));
  const exe = path.join(dir, 'harness');
  const flags = [...STRICT_FLAGS, ...(options.sanitize === false ? ['-O2'] : SANITIZE)];
  execFileSync('gcc', [...flags, '-I', dir, '-I', nativeKernelsDir(), ...sources, ...new Set(models.flatMap((m) => kernelFilesFor(m.model.source).sources)), path.join(dir, 'harness.c'), '-o', exe], { stdio: 'pipe' });
  const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' };
  return {
    dir,
    runAsync(index, inputs) {
      return new Promise((resolve, reject) => {
        const child = spawn(exe, [String(index)], { env });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => err.push(c));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0) reject(new Error(`harness exited with ${code}: ${Buffer.concat(err).toString().slice(0, 4000)}`));
          else resolve(new Uint8Array(Buffer.concat(out)));
        });
        child.stdin.end(inputs);
      });
    },
    run(index, inputs) {
      const r = spawnSync(exe, [String(index)], { input: inputs, maxBuffer: 1 << 28, env });
      if (r.status !== 0) throw new Error(`harness exited with ${r.status}: ${r.stderr.toString().slice(0, 4000)}`);
      return new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength);
    },
  };
}
