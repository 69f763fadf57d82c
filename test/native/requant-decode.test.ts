// td_requant_at (C) decodes every packing codegen writes: its results equal core/runtime's MultiplyByQuantizedMultiplier
// with the unpacked constants, for shared, float32-derived, zero and wider-than-32-bit entries, and the plain layout
// (ASan/UBSan build).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeKernelsDir, packRequant } from '../../core/codegen/index.js';
import { constArray } from '../../core/codegen/c-format.js';
import { quantizeMultiplier } from '../../core/model/index.js';
import { mbqm } from '../../core/runtime/fixedpoint.js';
import { mulberry32 } from '../support/random.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { STRICT_FLAGS } from '../support/host-build.js';

interface Table { multipliers: number[]; shifts: number[] }

function tables(rand: () => number): Table[] {
  const float32 = Array.from({ length: 40 }, () => quantizeMultiplier(Math.fround(0.003 * (0.3 + rand() * 5))));
  return [
    { multipliers: [1_400_000_000, 1_400_000_000, 1_400_000_000], shifts: [-8, -8, -8] },
    { multipliers: float32.map((q) => q.multiplier), shifts: float32.map((q) => q.shift) },
    { multipliers: [0, 1_500_000_000, 0, 1_073_741_824, 2_147_483_647], shifts: [0, -3, 0, -9, 1] },
    {
      multipliers: Array.from({ length: 29 }, () => 1_073_741_824 + Math.floor(rand() * 1_073_741_823)),
      shifts: Array.from({ length: 29 }, (_, c) => (c === 0 ? -31 : c === 1 ? 30 : Math.floor(rand() * 62) - 31)),
    },
  ];
}

const ACCS = [0, 1, -1, 127, -128, 65_535, -65_536, 1_000_003, -999_983, 2_147_483_647, -2_147_483_648];

describe.runIf(tierAvailable('native', [onPath('gcc')]))('td_requant_at decodes packed constants', () => {
  it('every channel of every packing gives core/runtime\'s result for int32 accumulators across the range', () => {
    const list = tables(mulberry32(11));
    const decls: string[] = [];
    const calls: string[] = [];
    list.forEach((t, i) => {
      const p = packRequant(t.multipliers, t.shifts, `t${i}`);
      if (p.bytes.length > 0) decls.push(constArray('uint8_t', `bits${i}`, p.bytes));
      decls.push(`static const td_requant q${i} = {${p.bytes.length > 0 ? 'td_requant_packed' : '0'}, 0, ${p.bytes.length > 0 ? `bits${i}` : '0'}, ${p.multBase}L, ${p.shiftBase}, ${p.multBits}, ${p.multZeros}, ${p.shiftBits}};`);
      calls.push(`  for (c = 0; c < ${t.multipliers.length}; ++c) for (a = 0; a < ${ACCS.length}; ++a) printf("%ld\\n", (long)td_requant_at(&q${i}, c, accs[a]));`);
    });
    // The plain layout of the last table, through the same entry point.
    const last = list[list.length - 1]!;
    decls.push(constArray('int32_t', 'plain_mult', last.multipliers), constArray('uint8_t', 'plain_shift', Uint8Array.from(Int8Array.from(last.shifts))),
      'static const td_requant qp = {0, plain_mult, plain_shift, 0, 0, 0, 0, 0};');
    calls.push(`  for (c = 0; c < ${last.multipliers.length}; ++c) for (a = 0; a < ${ACCS.length}; ++a) printf("%ld\\n", (long)td_requant_at(&qp, c, accs[a]));`);
    const source = [
      '#include <stdio.h>', '#include "td_requant.h"', ...decls,
      `static const int32_t accs[${ACCS.length}] = {${ACCS.map((a) => (a === -2_147_483_648 ? '(-2147483647L - 1)' : `${a}L`)).join(', ')}};`,
      'int main(void) {', '  td_idx c; int a;', ...calls, '  return 0;', '}', '',
    ].join('\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'td-requant-'));
    writeFileSync(path.join(dir, 'main.c'), source);
    const exe = path.join(dir, 'main');
    execFileSync('gcc', [...STRICT_FLAGS, '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-O1', '-I', nativeKernelsDir(),
      path.join(dir, 'main.c'), path.join(nativeKernelsDir(), 'td_requant.c'), '-o', exe], { stdio: 'pipe' });
    const got = execFileSync(exe, { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } }).trim().split('\n').map(Number);
    const want = [...list, list[list.length - 1]!].flatMap((t) => t.multipliers.flatMap((m, c) => ACCS.map((acc) => mbqm(acc, m, t.shifts[c]!))));
    expect(got).toHaveLength(want.length);
    expect(got).toEqual(want);
  });
});
