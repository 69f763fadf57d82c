// td_protocol.c prints scores with integer arithmetic only: for every int8 value and a spread of output scales
// (softmax 1/256, a regression's, a large one) its 4 decimals equal (q - zp) * scale rounded half away from zero,
// as does a one-value input's x (only after td_proto_input_ready), and large numbers (latency, RAM sizes) print exactly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../core/device/protocol/index.js';
import { onPath, REPO_ROOT, tierAvailable } from '../support/tools.js';

const PROTOCOL_DIR = path.join(REPO_ROOT, 'native', 'protocol');
const CASES: Array<[number, number]> = [[0.00390625, -128], [0.008290956728160381, 5], [0.0123, 0], [1.75, -3], [37.5, 100]];

describe.skipIf(!tierAvailable('native', [onPath('gcc')]))('score formatting in td_protocol.c', () => {
  it('matches (q - zp) * scale to 4 decimals for all 256 values of each scale, and prints large numbers exactly', () => {
    const exe = path.join(mkdtempSync(path.join(tmpdir(), 'td-format-')), 'format_check');
    execFileSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-I', PROTOCOL_DIR, path.join(REPO_ROOT, 'test', 'device', 'fixtures', 'format_check.c'),
      path.join(PROTOCOL_DIR, 'td_protocol.c'), '-o', exe]);
    const lines = execFileSync(exe, CASES.flatMap(([s, z]) => [String(s), String(z)]), { encoding: 'utf8' }).split('\r\n').filter((l) => l !== '');
    const results = lines.map((l) => parseLine(l)).flatMap((p) => (p.ok && p.message.kind === 'result' ? [p.message] : []));
    expect(results).toHaveLength(257 * CASES.length);
    let worst = 0;
    CASES.forEach(([scale, zp], c) => {
      for (let q = -128; q <= 127; q++) {
        const r = results[c * 257 + q + 128]!;
        const exact = (q - zp) * Math.fround(scale);
        const printed = r.scores[0]!.value;
        worst = Math.max(worst, Math.abs(printed - exact));
        expect(Math.abs(printed - exact), `scale ${scale} zp ${zp} q ${q}: ${printed}`).toBeLessThanOrEqual(0.00005 + Math.abs(exact) * 1e-6);
        expect(r.latencyUs).toBe((q + 128) * 100003);
        const x = (-1 - q - zp) * Math.fround(scale);
        expect(Math.abs(r.x! - x), `x at scale ${scale} zp ${zp} q ${q}: ${r.x}`).toBeLessThanOrEqual(0.00005 + Math.abs(x) * 1e-6);
      }
      expect(results[c * 257 + 256]!.x).toBeUndefined();
    });
    expect(worst).toBeGreaterThan(0); // the 4-decimal rounding is really there
    const ram = parseLine(lines.at(-1)!);
    expect(ram.ok && ram.message).toMatchObject({ kind: 'ram', freeBytes: 4187944, stackUsed: 65536, actBytes: 10000, total: 4294967295 });
  });
});
