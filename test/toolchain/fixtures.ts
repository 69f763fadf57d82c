// Real arduino-cli 1.5.1 outputs captured on this project's machine (paths rewritten to a student's home).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The fixture's text exactly as arduino-cli printed it. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(DIR, name), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

/** Deterministic junk: random bytes, truncations and shuffles of a real fixture. */
export function garbageVariants(real: string, seed = 7): string[] {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const bytes = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
  const out = ['', ' ', '\n\n', 'null', '{}', '[]', '{"error":42}', bytes(64), bytes(4096), real.slice(0, real.length / 2)];
  const lines = real.split('\n');
  for (let i = 0; i < 5; i++) out.push([...lines].sort(() => rnd() - 0.5).join('\n'));
  out.push(real.replace(/\d/g, 'x'), real.replace(/:/g, ''), 'x'.repeat(100_000));
  return out;
}
