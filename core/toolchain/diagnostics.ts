// Pure parsers from compiler output (gcc text, or arduino-cli's JSON diagnostics) to file/line/message records.
import type { Diagnostic } from './errors.js';

// "path:line[:col]: severity: message" — path may hold a Windows drive colon, so it is matched lazily.
const GCC_LINE = /^(.+?):(\d+):(?:(\d+):)?\s*(fatal error|error|warning|note):\s*(.+)$/;
// The linker: "path:line: undefined reference to `x'" or "path:(.text+0x1c): undefined reference…".
const LD_LINE = /^(.+?):(?:(\d+):|\([^)]*\):)\s*(undefined reference to .+|multiple definition of .+)$/;
// The linker: "region `text' overflowed by 1234 bytes", or (avr-ld, RAM) "section `.bss' is not within region `data'".
const OVERFLOW = /region [`'"]?(\w+)['"]? overflowed by (\d+) bytes/;
const NOT_WITHIN = /section [`'"]?\.?(\w+)['"]? is not within region [`'"]?(\w+)['"]?/;

function severityOf(word: string): Diagnostic['severity'] {
  return word === 'warning' ? 'warning' : word === 'note' ? 'note' : 'error';
}

/** Every diagnostic gcc/ld printed, in order; lines that are not diagnostics are skipped, never fatal. */
export function parseGccDiagnostics(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.length === 0 || line.length > 4000) continue;
    const m = GCC_LINE.exec(line);
    if (m) {
      const lineNo = Number(m[2]);
      if (!Number.isSafeInteger(lineNo) || lineNo < 1) continue;
      const column = m[3] === undefined ? undefined : Number(m[3]);
      out.push({
        severity: severityOf(m[4]!),
        file: m[1]!.trim(),
        line: lineNo,
        ...(column !== undefined && Number.isSafeInteger(column) && column > 0 ? { column } : {}),
        message: m[5]!.trim(),
      });
      continue;
    }
    const l = LD_LINE.exec(line);
    if (l) out.push({ severity: 'error', file: l[1]!.trim(), line: l[2] ? Number(l[2]) : 0, message: l[3]!.trim() });
  }
  return dedupe(out);
}

/** The memory region the linker said overflowed, and by how many bytes when it says (0 when it does not). */
export function parseRegionOverflow(text: string): { region: string; bytes: number } | null {
  const m = OVERFLOW.exec(text);
  if (m) return { region: m[1]!, bytes: Number(m[2]) };
  const n = NOT_WITHIN.exec(text);
  return n ? { region: n[2]!, bytes: 0 } : null;
}

/** arduino-cli's size report ("Sketch uses 32684 bytes … Maximum is 32256 bytes."), for when it prints no JSON sizes. */
export function parseSizeReport(text: string): { flashUsed: number; flashMax: number } | null {
  const m = /Sketch uses (\d+) bytes.*?Maximum is (\d+) bytes/.exec(text);
  return m ? { flashUsed: Number(m[1]), flashMax: Number(m[2]) } : null;
}

/** A header the compiler could not find ("fatal error: Foo.h: No such file or directory"), or null. */
export function missingHeader(diagnostics: readonly Diagnostic[]): string | null {
  for (const d of diagnostics) {
    const m = /^([\w./+-]+\.h(?:pp)?): No such file or directory/.exec(d.message);
    if (m) return m[1]!;
  }
  return null;
}

/** arduino-cli's builder_result.diagnostics (already parsed JSON) → our records; malformed entries dropped. */
export function diagnosticsFromCliJson(value: unknown): Diagnostic[] {
  if (!Array.isArray(value)) return [];
  const out: Diagnostic[] = [];
  for (const d of value) {
    if (typeof d !== 'object' || d === null) continue;
    const o = d as Record<string, unknown>;
    const line = typeof o.line === 'number' ? o.line : Number(o.line);
    if (typeof o.file !== 'string' || typeof o.message !== 'string' || !Number.isSafeInteger(line) || line < 0) continue;
    const column = typeof o.column === 'number' ? o.column : Number(o.column);
    out.push({
      severity: severityOf(String(o.severity ?? 'error').toLowerCase()),
      file: o.file,
      line,
      ...(Number.isSafeInteger(column) && column > 0 ? { column } : {}),
      // arduino-cli appends the source line and a caret after a newline: keep the sentence.
      message: o.message.split('\n')[0]!.trim(),
    });
  }
  return out;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.severity}|${d.file}|${d.line}|${d.column ?? ''}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
