// The line reader turns serial bytes into lines whatever the chunking, and survives garbage and endless lines.
import { describe, expect, it } from 'vitest';
import { LineReader, type LineReaderOptions } from '../../core/device/line-reader.js';

function feed(chunks: readonly (Buffer | string)[], opts?: LineReaderOptions): { lines: string[]; reader: LineReader } {
  const reader = new LineReader(opts);
  const lines: string[] = [];
  reader.on('data', (l: string) => lines.push(l));
  for (const c of chunks) reader.write(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
  reader.end();
  return { lines, reader };
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function splitRandomly(buf: Buffer, rand: () => number): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < buf.length) {
    const n = 1 + Math.floor(rand() * 7);
    out.push(buf.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe('LineReader', () => {
  it('gives the same lines for every way of splitting the bytes, including inside \\r\\n and UTF-8 characters', () => {
    const text = 'alpha 1\r\nbeta: µs=12\nγ-line\r\nlast\n';
    const expected = ['alpha 1', 'beta: µs=12', 'γ-line', 'last'];
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(feed([bytes.subarray(0, cut), bytes.subarray(cut)]).lines).toEqual(expected);
    }
    const rand = rng(7);
    for (let round = 0; round < 50; round++) expect(feed(splitRandomly(bytes, rand)).lines).toEqual(expected);
  });

  it('ends lines at \\n, \\r\\n and a lone \\r, and emits a partial last line on end', () => {
    expect(feed(['a\rb\r\nc\n\rd']).lines).toEqual(['a', 'b', 'c', 'd']);
    expect(feed(['x\r', '\ny\r', 'z']).lines).toEqual(['x', 'y', 'z']);
  });

  it('skips empty lines unless asked to keep them', () => {
    expect(feed(['\n\none\n\n']).lines).toEqual(['one']);
    expect(feed(['\n\none\n\n'], { keepEmpty: true }).lines).toEqual(['', '', 'one', '']);
  });

  it('turns garbage bytes into replacement characters without losing the line structure', () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x41, 0x80]);
    const { lines } = feed([Buffer.from('ok 1\n'), garbage, Buffer.from('\nok 2\n')]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('ok 1');
    expect(lines[1]).toContain('\uFFFD');
    expect(lines[1]).toContain('A');
    expect(lines[2]).toBe('ok 2');
  });

  it('survives random binary noise: every emitted line is free of terminators and within the limit', () => {
    const rand = rng(42);
    const noise = Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(rand() * 256)));
    const { lines } = feed(splitRandomly(noise, rand), { maxLineBytes: 64 });
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) {
      expect(l).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(l.replace(/\uFFFD/g, '?'))).toBeLessThanOrEqual(64);
    }
  });

  it('drops an overlong line whole, counts it, and reads the next line normally', () => {
    const long = 'z'.repeat(5000);
    const { lines, reader } = feed(['before\n', long.slice(0, 2500), long.slice(2500), '\nafter\n'], { maxLineBytes: 100 });
    expect(lines).toEqual(['before', 'after']);
    expect(reader.droppedLines).toBe(1);
  });

  it('keeps a line of exactly the limit and drops one byte more', () => {
    const { lines, reader } = feed([`${'a'.repeat(8)}\n${'b'.repeat(9)}\nc\n`], { maxLineBytes: 8 });
    expect(lines).toEqual(['a'.repeat(8), 'c']);
    expect(reader.droppedLines).toBe(1);
  });

  it('drops an overlong unterminated line at the end too', () => {
    const { lines, reader } = feed(['ok\n', 'q'.repeat(300)], { maxLineBytes: 100 });
    expect(lines).toEqual(['ok']);
    expect(reader.droppedLines).toBe(1);
  });
});
