// Bytes from a serial port → text lines, tolerant of split chunks, garbage bytes and lines that never end.
import { Transform, type TransformCallback } from 'node:stream';

export interface LineReaderOptions {
  /** Longer lines are dropped whole (counted in `droppedLines`); 1024 by default. */
  readonly maxLineBytes?: number;
  /** Emit empty lines too (default: skip them). */
  readonly keepEmpty?: boolean;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * A Transform in object mode: Buffers in, strings out (UTF-8, invalid bytes become U+FFFD). A line ends at
 * \n, \r or \r\n, even when the pair is split between chunks. A partial line at the end is emitted on flush.
 */
export class LineReader extends Transform {
  /** Lines thrown away because they exceeded maxLineBytes. */
  droppedLines = 0;
  private readonly maxLineBytes: number;
  private readonly keepEmpty: boolean;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private parts: Buffer[] = [];
  private length = 0;
  private overflowing = false;
  private lastWasCR = false;

  constructor(opts: LineReaderOptions = {}) {
    super({ readableObjectMode: true, writableObjectMode: false });
    this.maxLineBytes = opts.maxLineBytes ?? 1024;
    this.keepEmpty = opts.keepEmpty ?? false;
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (b !== LF && b !== CR) continue;
      const skipLF = b === LF && this.lastWasCR && i === start && this.length === 0;
      this.lastWasCR = b === CR;
      if (!skipLF) {
        this.append(buf.subarray(start, i));
        this.endLine();
      }
      start = i + 1;
    }
    if (start < buf.length) {
      this.lastWasCR = false;
      this.append(buf.subarray(start));
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.length > 0 || this.overflowing) this.endLine();
    done();
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0 || this.overflowing) return;
    if (this.length + bytes.length > this.maxLineBytes) {
      this.overflowing = true;
      this.parts = [];
      this.length = 0;
      return;
    }
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  private endLine(): void {
    if (this.overflowing) {
      this.droppedLines++;
      this.overflowing = false;
      this.emit('overflow');
      return;
    }
    const text = this.decoder.decode(Buffer.concat(this.parts, this.length));
    this.parts = [];
    this.length = 0;
    if (text.length > 0 || this.keepEmpty) this.push(text);
  }
}
