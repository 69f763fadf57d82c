// native/ram's mbed and ESP32 glue, run on the host against scripted RTOS and heap answers (the AVR glue runs on
// the simulated Uno in compile-avr.test.ts): the figures come from the mechanism each board family has.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath, REPO_ROOT, tierAvailable } from '../support/tools.js';
import { STUB_DIR } from './support.js';

const run = tierAvailable('native', [onPath('gcc')]);
const RAM = path.join(REPO_ROOT, 'native', 'ram');
const MAIN = path.join(REPO_ROOT, 'test', 'sketch', 'fixtures', 'ram-glue-host.c');

/** Builds the fixture with one glue file and returns its lines as name → [free, stack, act, total]. */
function runGlue(glue: string, define: string): Map<string, number[]> {
  const exe = path.join(mkdtempSync(path.join(tmpdir(), 'td-ram-glue-')), 'glue');
  // mallinfo is deprecated in glibc (not in newlib, the mbed cores' libc).
  execFileSync('gcc', ['-std=gnu99', '-O1', '-Wall', '-Wextra', '-Werror', '-Wno-deprecated-declarations', `-D${define}`,
    '-I', RAM, '-I', path.join(REPO_ROOT, 'native', 'protocol'), '-I', STUB_DIR, path.join(RAM, glue), MAIN, '-o', exe], { stdio: 'pipe' });
  const out = execFileSync(exe).toString().trim().split('\n');
  return new Map(out.map((l) => { const [name, ...v] = l.split(' '); return [name!, v.map(Number)]; }));
}

describe.runIf(run)('RAM statistics glue on the host (scripted RTOS answers)', () => {
  it('mbed: the painted stack records an 8 KB-deep call, the RTOS watermark wins when it has one, heap from mbed_heap_size', () => {
    const r = runGlue('td_ram_mbed.c', 'ARDUINO_ARCH_MBED');
    const [free, shallow, act, total] = r.get('shallow')!;
    const deep = r.get('deep')![1]!;
    expect([act, total]).toEqual([31, 262144]);
    // mbed_heap_size (100000) minus what malloc took from it, plus malloc's free blocks: at most the region.
    expect(free).toBeGreaterThan(50_000);
    expect(free).toBeLessThanOrEqual(100_000 + 1_000_000);
    // Half the 32 KiB thread stack is painted; glibc's mallinfo alone takes a few KiB of it on the host.
    expect(shallow).toBeGreaterThanOrEqual(128);
    expect(deep).toBeGreaterThanOrEqual(8000);
    expect(deep).toBeGreaterThan(shallow! + 2000);
    expect(deep).toBeLessThanOrEqual(128 + 16384);
    expect(r.get('watermark')![1]).toBe(32768 - 5000);
  });

  it('ESP32: free 8-bit heap from heap caps, stack = loop stack size − FreeRTOS high-water mark', () => {
    expect(runGlue('td_ram_esp.c', 'ESP_PLATFORM').get('esp')).toEqual([200000, 8192 - 1500, 4164, 327680]);
  });
});
