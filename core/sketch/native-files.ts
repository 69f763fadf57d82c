// The C files a sketch copies from native/: the kernels its model calls (with the kernels those call), the
// protocol library, and the RAM-statistics glue of the board's architecture.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FreeRamMethod } from '../boards/index.js';
import { nativeKernelFiles } from '../codegen/index.js';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { nativeDir, readShipped } from './template.js';

export interface ShippedFile {
  /** File name inside the sketch (flat: Arduino compiles the .c files of the sketch's root folder). */
  readonly name: string;
  readonly text: string;
}

const CALL = /\b(td_[a-z0-9_]+)\s*\(/g;

/**
 * Functions a header declares at file scope (not static inline helpers, which live in headers and need no .c, nor
 * the calls inside their bodies: a helper's call to td_mbqm must not make td_mbqm look defined by this header's .c).
 */
function declaredFunctions(header: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const line of header.split('\n')) {
    const atFileScope = depth === 0;
    for (const ch of line) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    if (!atFileScope || /^\s*static\b/.test(line) || /^\s*#/.test(line)) continue;
    for (const m of line.matchAll(CALL)) out.push(m[1]!);
  }
  return out;
}

/** Every kernel header, and the .c files reachable from the calls in `source` (transitively). */
export function kernelFilesFor(source: string): ShippedFile[] {
  const { sources, headers } = nativeKernelFiles();
  const owner = new Map<string, string>(); // function → the .c that defines it
  for (const h of headers) {
    const c = h.replace(/\.h$/, '.c');
    if (!sources.includes(c)) continue;
    for (const fn of declaredFunctions(readShipped(h))) owner.set(fn, c);
  }
  const chosen = new Set<string>();
  const visit = (text: string): void => {
    for (const m of text.matchAll(CALL)) {
      const c = owner.get(m[1]!);
      if (c && !chosen.has(c)) {
        chosen.add(c);
        visit(readShipped(c));
      }
    }
  };
  visit(source);
  return [...headers, ...sources.filter((s) => chosen.has(s))]
    .map((f) => ({ name: path.basename(f), text: readShipped(f) }));
}

/** td_protocol.h and td_protocol.c (proto's board-side library). */
export function protocolFiles(): ShippedFile[] {
  const dir = nativeDir('protocol');
  return ['td_protocol.h', 'td_protocol.c'].map((name) => ({ name, text: readShipped(path.join(dir, name)) }));
}

const RAM_GLUE: Record<FreeRamMethod, string | null> = {
  'avr-heap-gap': 'td_ram_avr.c',
  'mbed-heap-stats': 'td_ram_mbed.c',
  'esp-heap-caps': 'td_ram_esp.c',
  // Bare-metal newlib boards (the simulated M4F) run firmware built outside arduino-cli, not a sketch.
  'newlib-sbrk-gap': null,
};

/** td_ram.h plus the one td_ram_<arch>.c the board's FreeRamMethod needs (or all of them, for a library). */
export function ramFiles(method: FreeRamMethod | 'all'): ShippedFile[] {
  const dir = nativeDir('ram');
  let names: string[];
  if (method === 'all') {
    names = readdirSync(dir).filter((f) => /^td_ram_[a-z0-9]+\.c$/.test(f)).sort();
  } else {
    const glue = RAM_GLUE[method];
    if (glue === null) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `boards that read free RAM by "${method}" are not built from an Arduino sketch`, {
        advice: 'Pick an Arduino board (or the simulated Uno); the simulated Cortex-M4F runs the mps2 firmware instead.',
      });
    }
    names = [glue];
  }
  return ['td_ram.h', ...names].map((name) => ({ name, text: readShipped(path.join(dir, name)) }));
}
