// Shared by the sketch tests: the shared models, the TFLM arena anchors, and compile-only builds of a rendered
// sketch against the Arduino stub headers (for cores that cannot be installed here).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Graph } from '../../core/model/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { REPO_ROOT, sharedModel } from '../support/tools.js';

export const STUB_DIR = path.join(REPO_ROOT, 'test', 'sketch', 'arduino-stub');

export interface SharedModel {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly graph: Graph;
}

export function loadModel(name: string): SharedModel {
  const file = `${name}.tflite`;
  const bytes = new Uint8Array(readFileSync(sharedModel(file)));
  return { file, bytes, graph: readTflite(bytes) };
}

/** TFLM's measured arena for a shared model (bench/anchors/tflm.json, written by bench:tflm-anchor). */
export function tflmAnchor(file: string): { measuredBytes: number; source: string } {
  const anchors = JSON.parse(readFileSync(path.join(REPO_ROOT, 'bench', 'anchors', 'tflm.json'), 'utf8')) as {
    models: Record<string, { arena: number }>;
  };
  return { measuredBytes: anchors.models[file]!.arena, source: 'bench/anchors/tflm.json' };
}

export interface CrossTarget {
  readonly name: string;
  readonly cc: string;
  readonly cxx: string;
  readonly nm: string;
  readonly flags: readonly string[];
}

export const ARM_M4F: CrossTarget = {
  name: 'arm-none-eabi cortex-m4f',
  cc: 'arm-none-eabi-gcc', cxx: 'arm-none-eabi-g++', nm: 'arm-none-eabi-nm',
  flags: ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16', '-DARDUINO_ARCH_MBED', '-DARDUINO_ARCH_NRF52840'],
};
export const ARM_M0PLUS: CrossTarget = {
  name: 'arm-none-eabi cortex-m0+',
  cc: 'arm-none-eabi-gcc', cxx: 'arm-none-eabi-g++', nm: 'arm-none-eabi-nm',
  flags: ['-mcpu=cortex-m0plus', '-mthumb', '-DARDUINO_ARCH_MBED', '-DARDUINO_ARCH_RP2040'],
};
/** No xtensa compiler here: ESP32 sketches compile on the host compiler with the ESP-IDF defines. */
export const HOST_AS_ESP32: CrossTarget = {
  name: 'host gcc as ESP32',
  cc: 'gcc', cxx: 'g++', nm: 'nm', flags: ['-DESP_PLATFORM', '-DARDUINO_ARCH_ESP32'],
};

const WARN = ['-Wall', '-Wextra', '-Werror', '-Os', '-ffunction-sections', '-fdata-sections'];

export interface CrossBuild {
  /** Symbols the objects use but do not define (demangled): what the Arduino core and libraries must provide. */
  readonly unresolved: string[];
  readonly objects: string[];
}

/** Compiles every .c (C99) and the .ino (C++11, Arduino.h force-included as the IDE does) of a sketch folder. */
export function crossCompile(sketchDir: string, target: CrossTarget, extraFlags: readonly string[] = []): CrossBuild {
  const out = mkdtempSync(path.join(tmpdir(), 'td-cross-sketch-'));
  const inc = ['-I', sketchDir, '-I', STUB_DIR, ...extraFlags];
  const objects: string[] = [];
  // The .ino at the top, the C in src/ (where core/sketch puts it).
  const files = [...readdirSync(sketchDir), ...readdirSync(path.join(sketchDir, 'src')).map((f) => path.join('src', f))].sort();
  for (const f of files) {
    const src = path.join(sketchDir, f);
    const obj = path.join(out, `${path.basename(f)}.o`);
    if (f.endsWith('.c')) {
      execFileSync(target.cc, ['-std=c99', ...WARN, ...target.flags, ...inc, '-c', src, '-o', obj], { stdio: 'pipe' });
    } else if (f.endsWith('.ino')) {
      execFileSync(target.cxx, ['-std=gnu++11', '-x', 'c++', '-include', 'Arduino.h', ...WARN, ...target.flags, ...inc, '-c', src, '-o', obj], { stdio: 'pipe' });
    } else {
      continue;
    }
    objects.push(obj);
  }
  const defined = new Set<string>();
  const used = new Set<string>();
  for (const obj of objects) {
    for (const line of execFileSync(target.nm, ['-C', obj]).toString().split('\n')) {
      const m = /^(?:[0-9a-f]+)?\s+([A-Za-z])\s+(.+)$/.exec(line);
      if (!m) continue;
      if (m[1] === 'U') used.add(m[2]!);
      else defined.add(m[2]!);
    }
  }
  return { unresolved: [...used].filter((s) => !defined.has(s)).sort(), objects };
}

/**
 * A small gesture classifier for the IMU source on small boards: a window of 20 accelerometer samples (60 int8)
 * → FULLY_CONNECTED 16 + RELU → FULLY_CONNECTED 3 → SOFTMAX. The weights are a fixed pattern (compile checks only).
 */
export function tinyImuGraph(): Graph {
  const q = (scale: number, zeroPoint: number) => ({ scale: [Math.fround(scale)], zeroPoint: [zeroPoint], axis: 0 });
  const weights = (n: number) => Uint8Array.from({ length: n }, (_, i) => (((i * 37) % 255) - 127) & 0xff);
  const bias = (n: number) => new Uint8Array(new Int32Array(Array.from({ length: n }, (_, i) => i * 10 - 50)).buffer);
  const inQ = 0.05;
  const w1Q = 0.01;
  const hQ = 0.02;
  const w2Q = 0.01;
  return {
    name: 'tiny_imu',
    tensors: [
      { name: 'window', shape: [1, 60], dtype: 'int8', quant: q(inQ, 0) },
      { name: 'w1', shape: [16, 60], dtype: 'int8', quant: q(w1Q, 0), data: weights(960) },
      { name: 'b1', shape: [16], dtype: 'int32', quant: q(inQ * w1Q, 0), data: bias(16) },
      { name: 'hidden', shape: [1, 16], dtype: 'int8', quant: q(hQ, -128) },
      { name: 'w2', shape: [3, 16], dtype: 'int8', quant: q(w2Q, 0), data: weights(48) },
      { name: 'b2', shape: [3], dtype: 'int32', quant: q(hQ * w2Q, 0), data: bias(3) },
      { name: 'logits', shape: [1, 3], dtype: 'int8', quant: q(0.1, 0) },
      { name: 'probs', shape: [1, 3], dtype: 'int8', quant: q(1 / 256, -128) },
    ],
    ops: [
      { type: 'FULLY_CONNECTED', inputs: [0, 1, 2], outputs: [3], version: 1, options: { activation: 'RELU', keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } },
      { type: 'FULLY_CONNECTED', inputs: [3, 4, 5], outputs: [6], version: 1, options: { activation: 'NONE', keepNumDims: false, weightsFormat: 'DEFAULT', asymmetricQuantizeInputs: false } },
      { type: 'SOFTMAX', inputs: [6], outputs: [7], version: 1, options: { beta: 1 } },
    ],
    inputs: [0],
    outputs: [7],
  };
}
