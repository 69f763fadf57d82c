// The TypeScript side of protocol v1 on its own: CRC check values, line parsing, the loss counter, and the
// whole byte stream (LineReader → ProtocolParser) fed split chunks, garbage, corrupted lines and resets.
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../core/device/line-reader.js';
import {
  crc8, crc8Hex, encodeInput, encodeMode, encodeRate, frame, parseLine, ProtocolParser, type DecodedLine,
} from '../../core/device/protocol/index.js';

const result = (seq: number, up = '0.5000'): string => frame(`up:${up} down:0.2500 still:-0.1250 top=up us=12 #${seq}`);
const ram = (seq: number): string => frame(`@ram #${seq} free=900 stack=120 act=16 total=2048`);
const hello = (seq: number): string => frame(`@hello v=1 #${seq} board=uno model=wand hash=0badc0de in=1x4:i8 out=1x3:i8 labels=up,down,still backend=native act=16 ram=2048 src=serial period=20`);

/** Feeds bytes through the same pipeline a session uses, in the given chunk sizes, and collects what comes out. */
async function decode(bytes: Buffer, chunk: (i: number) => number): Promise<{ out: DecodedLine[]; parser: ProtocolParser }> {
  const reader = new LineReader({ maxLineBytes: 65536 });
  const parser = new ProtocolParser();
  const out: DecodedLine[] = [];
  reader.pipe(parser).on('data', (d: DecodedLine) => out.push(d));
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, chunk(i));
    reader.write(bytes.subarray(at, at + n));
    at += n;
  }
  reader.end();
  await new Promise((r) => parser.on('end', r).resume());
  return { out, parser };
}

const messages = (out: DecodedLine[]): string[] => out.flatMap((d) => (d.type === 'message' ? [`${d.message.kind}#${d.message.seq}`] : []));

describe('CRC-8/SMBUS', () => {
  it('matches the check values in docs/protocol.md', () => {
    expect(crc8('123456789')).toBe(0xf4);
    expect(frame('@ack #3 id=7 cmd=mode')).toBe('@ack #3 id=7 cmd=mode *3B\r\n');
    expect(crc8Hex('')).toBe('00');
  });
});

describe('parseLine', () => {
  it('reads a result line with negative scores, its top label and latency', () => {
    const p = parseLine(result(17).trimEnd());
    expect(p).toEqual({ ok: true, message: { kind: 'result', seq: 17, top: 'up', latencyUs: 12, scores: [
      { label: 'up', value: 0.5 }, { label: 'down', value: 0.25 }, { label: 'still', value: -0.125 },
    ] } });
  });

  it('reads a one-value model\'s optional x=, and leaves out an x that is not a number', () => {
    const p = parseLine(frame('y:0.8415 top=y us=900 x=-1.5708 #5').trimEnd());
    expect(p.ok && p.message).toMatchObject({ kind: 'result', seq: 5, x: -1.5708, scores: [{ label: 'y', value: 0.8415 }] });
    const odd = parseLine(frame('y:0.8415 top=y us=900 x=abc #6').trimEnd());
    expect(odd.ok && odd.message.kind === 'result' && 'x' in odd.message).toBe(false);
  });

  it('reads a hello with shapes and labels, and labels=- as no labels', () => {
    const p = parseLine(hello(0).trimEnd());
    expect(p.ok && p.message).toMatchObject({ kind: 'hello', version: 1, inShape: [1, 4], outShape: [1, 3], labels: ['up', 'down', 'still'], actBytes: 16, ramTotal: 2048, periodMs: 20 });
    const bare = parseLine(frame('@hello v=1 #4 board=uno model=sine hash=01234567 in=1:i8 out=1:i8 labels=- backend=native act=8 ram=2048 src=serial period=100').trimEnd());
    expect(bare.ok && bare.message).toMatchObject({ kind: 'hello', seq: 4, labels: null });
  });

  it('reads @out bytes as int8, two\'s complement', () => {
    const p = parseLine(frame('@out #9 id=3 q=7f80ff00 us=40').trimEnd());
    expect(p.ok && p.message.kind === 'out' && Array.from(p.message.q)).toEqual([127, -128, -1, 0]);
  });

  it('tells a debug print, a failed checksum and a malformed body apart', () => {
    expect(parseLine('Serial.println says hi')).toEqual({ ok: false, reason: 'no-checksum' });
    expect(parseLine(result(3).trimEnd().replace('0.5000', '0.5001'))).toEqual({ ok: false, reason: 'bad-checksum' });
    expect(parseLine(frame('@ram #2 free=x').trimEnd())).toEqual({ ok: false, reason: 'malformed' });
    expect(parseLine(frame('up:0.5 top=up us=1').trimEnd())).toEqual({ ok: false, reason: 'malformed' }); // no #seq
    expect(parseLine(frame('@out #1 id=1 q=abc us=1').trimEnd())).toEqual({ ok: false, reason: 'malformed' }); // odd hex
  });
});

describe('host line encoders', () => {
  it('frames commands with their checksum', () => {
    expect(encodeMode('host')).toBe(`@mode host *${crc8Hex('@mode host')}\r\n`);
    expect(encodeRate(0)).toBe(`@rate ms=0 *${crc8Hex('@rate ms=0')}\r\n`);
    expect(encodeInput(5, new Int8Array([1, -1, 127, -128]))).toBe(`@in id=5 q=01ff7f80 *${crc8Hex('@in id=5 q=01ff7f80')}\r\n`);
    expect(() => encodeRate(70000)).toThrow(RangeError);
  });
});

describe('the protocol stream', () => {
  const clean = Buffer.from([hello(0), ram(1), ...Array.from({ length: 30 }, (_, i) => result(i + 2))].join(''));

  it('gives the same messages whatever the chunking, down to one byte at a time', async () => {
    const whole = await decode(clean, () => clean.length);
    const bytes = await decode(clean, () => 1);
    const odd = await decode(clean, (i) => (i * 7) % 13);
    expect(messages(whole.out)).toHaveLength(32);
    expect(messages(bytes.out)).toEqual(messages(whole.out));
    expect(messages(odd.out)).toEqual(messages(whole.out));
    expect(whole.parser.decoder.sequence.lost).toBe(0);
  });

  it('shows garbage between lines as raw lines and loses nothing; garbage inside a line costs that line', async () => {
    const junk = Buffer.from([0x00, 0xff, 0x13, 0x0a, 0x41, 0x0d, 0x0a, ...Buffer.from('debug print\n')]);
    const boundary = clean.indexOf('\r\n', 400) + 2;
    const between = await decode(Buffer.concat([clean.subarray(0, boundary), junk, clean.subarray(boundary)]), (i) => 5 + (i % 17));
    expect(between.out.filter((d) => d.type === 'raw').map((d) => d.line)).toEqual(['\u0000\ufffd\u0013', 'A', 'debug print']);
    expect(between.parser.decoder.sequence.lost).toBe(0);
    expect(messages(between.out)).toHaveLength(32);
    const inside = await decode(Buffer.concat([clean.subarray(0, boundary + 9), Buffer.from([0xfe, 0x7f]), clean.subarray(boundary + 9)]), () => 7);
    expect(inside.parser.decoder.sequence.lost).toBe(1);
    expect(messages(inside.out)).toHaveLength(31);
  });

  it('counts exactly the corrupted and the missing lines, across a 65535 → 0 wrap', async () => {
    const lines = [result(65533), result(65534), result(65535).replace('up:', 'uq:'), result(0), result(1).slice(0, 10), result(2), result(5)];
    const { out, parser } = await decode(Buffer.from(lines.join('')), (i) => 3 + i);
    // Joined mid-stream at #65533 (nothing before it counts); #65535 fails its checksum; #1 is cut and runs
    // into #2, so that one line costs both; #3 and #4 never came: 1 + 2 + 2.
    expect(parser.decoder.sequence.lost).toBe(5);
    expect(messages(out)).toEqual(['result#65533', 'result#65534', 'result#0', 'result#5']);
  });

  it('treats hello #0 as a reset: nothing lost across it', async () => {
    const lines = [hello(0), result(1), result(2), result(3).slice(0, 20), '\r\n', hello(0), ram(1), result(2)];
    const { out, parser } = await decode(Buffer.from(lines.join('')), () => 11);
    expect(parser.decoder.sequence.lost).toBe(0);
    expect(parser.decoder.sequence.resets).toBe(1);
    expect(messages(out)).toEqual(['hello#0', 'result#1', 'result#2', 'hello#0', 'ram#1', 'result#2']);
  });

  it('counts a reset whose hello was lost as a restart, and the hello as lost', async () => {
    const lines = [hello(0), result(1), result(2), result(3), hello(0).replace('v=1', 'v=2'), ram(1), result(2)];
    const { parser } = await decode(Buffer.from(lines.join('')), () => 64);
    expect(parser.decoder.sequence.resets).toBe(1);
    expect(parser.decoder.sequence.lost).toBe(1);
  });

  it('drops an overlong line whole and keeps going', async () => {
    const long = `up:0.1 ${'x'.repeat(70_000)} #3 *00\r\n`;
    const { out, parser } = await decode(Buffer.from([hello(0), result(1), result(2), long, result(4)].join('')), () => 4096);
    expect(messages(out)).toEqual(['hello#0', 'result#1', 'result#2', 'result#4']);
    expect(parser.decoder.sequence.lost).toBe(1);
  });
});
