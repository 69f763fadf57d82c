// fast-check arbitraries for mutating real files: byte edits (flip, set, cut, insert, 32-bit "sizes"), number-token
// edits in text (shapes, sizes, cells), and JSON edits at any path (a value swapped for a hostile one, a key dropped).
import fc from 'fast-check';

export type ByteStep =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'remove'; at: number; len: number }
  | { kind: 'u32'; at: number; value: number };

/** 32-bit values that are sizes, offsets or counts a parser must not trust. */
const HOSTILE_U32 = [0, 1, 2, 7, 255, 256, 65535, 65536, 1 << 20, 1 << 30, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

export const byteStep: fc.Arbitrary<ByteStep> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.constantFrom(...HOSTILE_U32) }), weight: 3 },
);

export const byteSteps = fc.array(byteStep, { minLength: 1, maxLength: 6 });

/** Applies the steps in order; positions wrap around the current length, so any step fits any file. */
export function applyBytes(src: Uint8Array, steps: readonly ByteStep[]): Uint8Array {
  let b = src.slice();
  for (const s of steps) {
    if (b.length === 0) break;
    const at = s.at % b.length;
    switch (s.kind) {
      case 'set': b[at] = s.value; break;
      case 'flip': b[at]! ^= 1 << s.bit; break;
      case 'truncate': b = b.slice(0, at); break;
      case 'insert': { const o = new Uint8Array(b.length + s.bytes.length); o.set(b.subarray(0, at)); o.set(s.bytes, at); o.set(b.subarray(at), at + s.bytes.length); b = o; break; }
      case 'remove': { const o = new Uint8Array(b.length - Math.min(s.len, b.length - at)); o.set(b.subarray(0, at)); o.set(b.subarray(at + s.len), at); b = o; break; }
      case 'u32': if (b.length >= 4) new DataView(b.buffer).setUint32(Math.min(at & ~3, b.length - 4), s.value, true); break;
    }
  }
  return b;
}

/** Text tokens that break numeric or structural assumptions: sizes, signs, specials, separators. */
export const HOSTILE_TOKENS = ['-1', '0', '1e9', '99999999999', '2147483648', '4294967296', '1e39', '-1e39', '1.5', 'NaN', 'nan', 'inf',
  '-Infinity', 'null', 'true', '""', '"x"', '[]', '{}', '[1e9, 1e9]', ',', '\n', '"', '\u0000', '\uFEFF', ''];

export interface TextStep { token: number; replacement: string; mode: 'number' | 'anywhere' | 'line' }

export const textStep: fc.Arbitrary<TextStep> = fc.record({
  token: fc.nat(),
  replacement: fc.oneof({ arbitrary: fc.constantFrom(...HOSTILE_TOKENS), weight: 4 }, { arbitrary: fc.string({ maxLength: 8 }), weight: 1 }),
  mode: fc.constantFrom('number' as const, 'anywhere' as const, 'line' as const),
});

export const textSteps = fc.array(textStep, { minLength: 1, maxLength: 4 });

/** Replaces the n-th number token (or inserts at a position, or duplicates/drops a line) in the text. */
export function applyText(src: string, steps: readonly TextStep[]): string {
  let t = src;
  for (const s of steps) {
    if (s.mode === 'number') {
      const numbers = [...t.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
      const m = numbers[s.token % Math.max(1, numbers.length)];
      if (m?.index !== undefined) t = t.slice(0, m.index) + s.replacement + t.slice(m.index + m[0].length);
    } else if (s.mode === 'anywhere') {
      const at = t.length === 0 ? 0 : s.token % t.length;
      t = t.slice(0, at) + s.replacement + t.slice(at);
    } else {
      const lines = t.split('\n');
      const i = s.token % Math.max(1, lines.length);
      if (s.replacement === '') lines.splice(i, 1); else lines.splice(i, 0, lines[i] ?? '');
      t = lines.join('\n');
    }
  }
  return t;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Hostile JSON values for any position: wrong types, huge and negative sizes, deep or empty containers. */
export const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, -1, 0, 1e9, 2 ** 31, 2 ** 53, -(2 ** 31), 1.5, 'x', '', [], {}, [null], [1e9, 1e9, 1e9], [-1, 3],
    '../../etc/passwd', 'float16', 'uint8', 'int64', { dtype: 'uint8', scale: 1e39, min: 0 }),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

export interface JsonStep { path: number; value: Json; drop: boolean }
export const jsonStep: fc.Arbitrary<JsonStep> = fc.record({ path: fc.nat(), value: hostileJson, drop: fc.boolean() });
export const jsonSteps = fc.array(jsonStep, { minLength: 1, maxLength: 3 });

/** Every (container, key) of a JSON document, in document order. */
function slots(doc: Json, out: [Json[] | Record<string, Json>, string | number][] = []): typeof out {
  if (Array.isArray(doc)) doc.forEach((v, i) => { out.push([doc, i]); slots(v, out); });
  else if (doc && typeof doc === 'object') for (const k of Object.keys(doc)) { out.push([doc, k]); slots(doc[k]!, out); }
  return out;
}

/** Replaces (or drops) the value at the n-th slot of the parsed text; returns the new JSON text. */
export function applyJson(text: string, steps: readonly JsonStep[]): string {
  const doc = JSON.parse(text) as Json;
  for (const s of steps) {
    const all = slots(doc);
    const slot = all[s.path % Math.max(1, all.length)];
    if (!slot) break;
    const [container, key] = slot;
    if (s.drop && !Array.isArray(container)) delete container[key as string];
    else (container as Record<string | number, Json>)[key] = s.value;
  }
  return JSON.stringify(doc);
}
