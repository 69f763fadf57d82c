// Text lines → typed messages + raw lines + loss counts, as a Transform so it pipes after a LineReader.
import { Transform, type TransformCallback } from 'node:stream';
import type { BoardMessage } from './messages.js';
import { parseLine } from './parse-line.js';
import { SequenceTracker } from './sequence.js';

export type DecodedLine =
  | { readonly type: 'message'; readonly line: string; readonly message: BoardMessage; readonly lostBefore: number }
  | { readonly type: 'raw'; readonly line: string; readonly reason: 'no-checksum' | 'bad-checksum' | 'malformed' };

/** Pure line-by-line decoding with the loss counter; the session and the Transform both use it. */
export class ProtocolDecoder {
  readonly sequence = new SequenceTracker();

  decode(line: string): DecodedLine {
    const parsed = parseLine(line);
    if (!parsed.ok) return { type: 'raw', line, reason: parsed.reason };
    return { type: 'message', line, message: parsed.message, lostBefore: this.sequence.accept(parsed.message) };
  }
}

/** Object mode both ways: strings (from a LineReader) in, DecodedLine out. */
export class ProtocolParser extends Transform {
  readonly decoder = new ProtocolDecoder();

  constructor() {
    super({ objectMode: true });
  }

  override _transform(line: string, _enc: BufferEncoding, done: TransformCallback): void {
    this.push(this.decoder.decode(String(line)));
    done();
  }
}
