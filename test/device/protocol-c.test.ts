// native/protocol/td_protocol.c builds warning-free for the host, the ATmega328P and the Cortex-M4F, and stays
// small enough in RAM for an Uno next to a model.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath, REPO_ROOT, tierAvailable } from '../support/tools.js';

const SOURCE = path.join(REPO_ROOT, 'native', 'protocol', 'td_protocol.c');
const FLAGS = ['-std=c99', '-pedantic', '-Wall', '-Wextra', '-Werror', '-Wconversion', '-Wshadow', '-Os', '-c', SOURCE];
const dir = mkdtempSync(path.join(tmpdir(), 'td-protocol-c-'));

/** Bytes of RAM the object needs: .data, .bss and .rodata (which lives in RAM on AVR). */
function ramBytes(objdump: string, obj: string): number {
  const table = execFileSync(objdump, ['-h', obj], { encoding: 'utf8' });
  let total = 0;
  for (const m of table.matchAll(/^\s*\d+\s+(\.(?:data|bss|rodata)\S*)\s+([0-9a-f]+)/gm)) total += parseInt(m[2], 16);
  return total;
}

describe.skipIf(!tierAvailable('native', [onPath('gcc')]))('td_protocol.c on the host', () => {
  it('compiles with -Wall -Wextra -Werror -Wconversion', () => {
    execFileSync('gcc', [...FLAGS, '-o', path.join(dir, 'host.o')], { stdio: 'pipe' });
  });
});

describe.skipIf(!tierAvailable('native', [onPath('avr-gcc')]))('td_protocol.c on the ATmega328P', () => {
  it('compiles warning-free and keeps its RAM under 200 bytes (strings stay in flash)', () => {
    const obj = path.join(dir, 'avr.o');
    execFileSync('avr-gcc', ['-mmcu=atmega328p', ...FLAGS, '-o', obj], { stdio: 'pipe' });
    const ram = ramBytes('avr-objdump', obj);
    expect(ram).toBeGreaterThan(50);
    expect(ram).toBeLessThan(200);
  });
});

describe.skipIf(!tierAvailable('native', [onPath('arm-none-eabi-gcc')]))('td_protocol.c on the Cortex-M4F', () => {
  it('compiles warning-free for thumb with the hard-float ABI', () => {
    execFileSync('arm-none-eabi-gcc', ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16', ...FLAGS, '-o', path.join(dir, 'm4f.o')], { stdio: 'pipe' });
  });
});
