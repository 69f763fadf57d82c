// The kernels and a generated model compile warning-free (-std=c99 -Wall -Wextra -Werror) on gcc, avr-gcc and
// arm-none-eabi-gcc; on AVR the weights land in flash (PROGMEM), not in RAM.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateNativeModel, allKernelFiles, nativeKernelsDir } from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { onPath, sharedModel, tierAvailable } from '../support/tools.js';
import { STRICT_FLAGS } from '../support/host-build.js';

const COMPILERS: Record<string, string[]> = {
  gcc: ['-O2', '-pedantic'],
  'avr-gcc': ['-mmcu=atmega328p', '-Os', '-pedantic'],
  'arm-none-eabi-gcc': ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16', '-O2', '-pedantic'],
};

const run = tierAvailable('native-cross', Object.keys(COMPILERS).map(onPath));

describe.runIf(run)('kernels and generated C compile on every target compiler', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'td-cross-'));
  const model = generateNativeModel(readTflite(readFileSync(sharedModel('hello_world_int8.tflite'))), { prefix: 'sine', labels: ['y'] });
  writeFileSync(path.join(dir, model.headerFileName), model.header);
  writeFileSync(path.join(dir, model.sourceFileName), model.source);

  for (const [cc, flags] of Object.entries(COMPILERS)) {
    it(`${cc}: every kernel source and the generated model, with -Werror`, () => {
      for (const src of [...allKernelFiles().sources, path.join(dir, model.sourceFileName)]) {
        const obj = path.join(dir, `${cc}-${path.basename(src)}.o`);
        // execFileSync throws (failing the test) on any warning, since -Werror turns it into an error.
        execFileSync(cc, [...STRICT_FLAGS, ...flags, '-I', dir, '-I', nativeKernelsDir(), '-c', src, '-o', obj], { stdio: 'pipe' });
      }
    });
  }

  it('avr-gcc puts the weights in flash: the model object has no .data beyond a few bytes', () => {
    const obj = path.join(dir, 'avr-gcc-sine_model.c.o');
    const size = execFileSync('avr-size', ['-A', obj]).toString();
    const section = (name: string): number => Number(new RegExp(`^\\${name}\\s+(\\d+)`, 'm').exec(size)?.[1] ?? 0);
    expect(section('.progmem.data')).toBeGreaterThanOrEqual(model.report.weightBytes);
    expect(section('.data')).toBeLessThan(16);
    expect(section('.bss')).toBe(Math.max(1, model.report.activationBytes));
  });

  it('a kernel with a warning is rejected (the -Werror gate can fail)', () => {
    const bad = path.join(dir, 'bad.c');
    writeFileSync(bad, '#include "td_fixedpoint.h"\nint f(void) { int unused; return 0; }\n');
    expect(() => execFileSync('gcc', [...STRICT_FLAGS, '-I', nativeKernelsDir(), '-c', bad, '-o', path.join(dir, 'bad.o')], { stdio: 'pipe' })).toThrow();
  });
});
