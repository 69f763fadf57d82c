// Firmware builds outside arduino-cli: size parsing (fed garbage), and typed errors from the real compilers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { buildAvrFirmware, buildMps2Firmware } from '../../core/toolchain/bare-metal.js';
import { parseBerkeleySize } from '../../core/toolchain/section-size.js';
import { onPath, tierAvailable } from '../support/tools.js';

describe('parseBerkeleySize', () => {
  it('reads the row under the header', () => {
    const out = '   text\t   data\t    bss\t    dec\t    hex\tfilename\n   4536\t    100\t     48\t   4684\t   124c\techo.elf\n';
    expect(parseBerkeleySize(out)).toEqual({ text: 4536, data: 100, bss: 48 });
  });

  it('rejects garbage, a missing row and a row whose columns do not add up', () => {
    const bad = [
      '',
      'garbage\n\u0000\uFFFD',
      '   text\t   data\t    bss\t    dec\t    hex\tfilename\n',
      '   text\t   data\t    bss\t    dec\t    hex\tfilename\n   10\t 2\t 3\t 99\t 63\tx.elf\n',
      '   text\t   data\t    bss\t    dec\t    hex\tfilename\n   1x\t 2\t 3\t 6\t 6\tx.elf\n',
    ];
    for (const b of bad) expect(() => parseBerkeleySize(b)).toThrow(TinyDeployError);
  });
});

const available = tierAvailable('sim', [onPath('arm-none-eabi-gcc'), onPath('avr-gcc')]);

describe.skipIf(!available)('bare-metal builds with the real cross compilers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'td-baremetal-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports a compile error with the file and line, for both targets', async () => {
    const src = path.join(dir, 'broken.c');
    await writeFile(src, 'int main(void) {\n  return undeclared_thing;\n}\n');
    for (const build of [buildMps2Firmware, buildAvrFirmware]) {
      const err = await build({ sources: [src], outElf: path.join(dir, 'broken.elf') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TinyDeployError);
      expect((err as TinyDeployError).code).toBe(ErrorCode.CompileFailed);
      expect((err as TinyDeployError).message).toMatch(/broken\.c:2:\d+: error: 'undeclared_thing' undeclared/);
    }
  });

  it('passes defines and the optimisation level through: a bigger table makes a bigger .text', async () => {
    const src = path.join(dir, 'table.c');
    await writeFile(src, [
      '#include <stdint.h>',
      'const uint8_t table[N] = {1};',
      'volatile int at;',
      'int main(void) { return table[at]; }',
      '',
    ].join('\n'));
    const small = await buildMps2Firmware({ sources: [src], outElf: path.join(dir, 'small.elf'), defines: { N: 16 }, optimize: 's' });
    const big = await buildMps2Firmware({ sources: [src], outElf: path.join(dir, 'big.elf'), defines: { N: 4096 }, optimize: 's' });
    expect(big.size.text - small.size.text).toBeGreaterThanOrEqual(4096 - 16);
    const avr = await buildAvrFirmware({ sources: [src], outElf: path.join(dir, 'avr.elf'), defines: { N: 300 } });
    expect(avr.hex).toMatch(/avr\.hex$/);
    expect(avr.size.text + avr.size.data).toBeGreaterThanOrEqual(300);
  });

  it('says which package to install when the compiler is missing', async () => {
    const saved = process.env.PATH;
    process.env.PATH = path.join(dir, 'empty-bin');
    try {
      const err = await buildMps2Firmware({ sources: ['x.c'], outElf: path.join(dir, 'x.elf') }).catch((e: unknown) => e);
      expect((err as TinyDeployError).code).toBe(ErrorCode.ToolMissing);
      expect((err as TinyDeployError).advice).toMatch(/gcc-arm-none-eabi/);
    } finally {
      process.env.PATH = saved;
    }
  });
});
