// The AVR fast path's arithmetic (native/kernels/td_fixedpoint.h): td_srdhm_parts, the 64-bit-free
// SaturatingRoundingDoublingHighMul whose steps the Uno's assembly (td_srdhm_avr) follows, equals core/runtime's srdhm
// on edge pairs and td_srdhm_int64 (the reference formula) on a million random pairs; td_rdbpot's 32-bit mask equals
// core/runtime's rdbpot for every exponent (ASan/UBSan host build; the assembly itself is checked on the simulated
// chip by test/native/avr-fast-path.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeKernelsDir } from '../../core/codegen/index.js';
import { rdbpot, srdhm } from '../../core/runtime/fixedpoint.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { STRICT_FLAGS } from '../support/host-build.js';

const EDGES = [0, 1, -1, 2, -2, 127, -128, 255, 32_767, -32_768, 65_535, 65_536, -65_536, 1_073_741_823, 1_073_741_824,
  -1_073_741_824, 1_561_796_740, 2_039_655_759, 2_147_483_646, 2_147_483_647, -2_147_483_647, -2_147_483_648];
const RANDOM_PAIRS = 1_000_000;

const cInt = (v: number): string => (v === -2_147_483_648 ? '(-2147483647L - 1)' : `${v}L`);

const SOURCE = `#include <stdio.h>
#include "td_fixedpoint.h"
static const int32_t edges[${EDGES.length}] = {${EDGES.map(cInt).join(', ')}};
static uint32_t state = 2463534242u;
static uint32_t next(void) { state ^= state << 13; state ^= state >> 17; state ^= state << 5; return state; }
int main(void) {
  unsigned i, j;
  long bad = 0;
  for (i = 0; i < ${EDGES.length}u; ++i)
    for (j = 0; j < ${EDGES.length}u; ++j) printf("%ld\\n", (long)td_srdhm_parts(edges[i], edges[j]));
  for (i = 0; i < ${EDGES.length}u; ++i)
    for (j = 0; j < 32u; ++j) printf("%ld\\n", (long)td_rdbpot(edges[i], (int32_t)j));
  for (i = 0; i < ${RANDOM_PAIRS}u; ++i) {
    /* Random magnitudes of every width, so small and large partial products both occur. */
    const uint32_t ua = next() >> (next() & 31u), ub = next() >> (next() & 31u);
    const int32_t a = (int32_t)((next() & 1u) ? 0u - ua : ua), b = (int32_t)((next() & 1u) ? 0u - ub : ub);
    if (td_srdhm_parts(a, b) != td_srdhm_int64(a, b)) {
      if (bad == 0) printf("first mismatch %ld %ld\\n", (long)a, (long)b);
      ++bad;
    }
  }
  printf("random mismatches %ld\\n", bad);
  return 0;
}
`;

describe.runIf(tierAvailable('native', [onPath('gcc')]))('the AVR fast path\'s fixed-point helpers', () => {
  it('td_srdhm_parts and td_rdbpot equal core/runtime on edge values and the 64-bit formula on random pairs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'td-fixedpoint-'));
    writeFileSync(path.join(dir, 'main.c'), SOURCE);
    const exe = path.join(dir, 'main');
    execFileSync('gcc', [...STRICT_FLAGS, '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-O1', '-I', nativeKernelsDir(),
      path.join(dir, 'main.c'), '-o', exe], { stdio: 'pipe' });
    const lines = execFileSync(exe, { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } }).trim().split('\n');
    const tail = lines.pop();
    expect(tail).toBe('random mismatches 0');
    const want = [
      ...EDGES.flatMap((a) => EDGES.map((b) => srdhm(a, b))),
      ...EDGES.flatMap((x) => Array.from({ length: 32 }, (_, e) => rdbpot(x, e))),
    ];
    expect(lines.map(Number)).toEqual(want);
  });
});
