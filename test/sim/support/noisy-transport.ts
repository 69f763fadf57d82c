// Line noise for fault-injection tests: the real serial transport, plus garbage bytes injected into what it
// receives, as a bad cable or a floating pin would. It records whether each injection split a line.
import { EventEmitter } from 'node:events';
import { createSerialTransport } from '../../../core/device/serialport-transport.js';
import type { SerialOpenOptions, SerialTransport } from '../../../core/device/transport.js';

export class NoisyTransport extends EventEmitter implements SerialTransport {
  private readonly inner: SerialTransport;
  private lastByte = 0x0a;
  /** Per injection: how many board lines it touched (and so cost), judged from the bytes around it. */
  readonly touched: number[] = [];

  constructor(opts: SerialOpenOptions) {
    super();
    this.inner = createSerialTransport(opts);
    this.inner.on('data', (chunk) => {
      if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1]!;
      this.emit('data', chunk);
    });
    this.inner.on('close', (err) => this.emit('close', err));
  }

  get path(): string { return this.inner.path; }
  get baudRate(): number { return this.inner.baudRate; }
  get isOpen(): boolean { return this.inner.isOpen; }
  open(): Promise<void> { return this.inner.open(); }
  write(data: Uint8Array | string): Promise<void> { return this.inner.write(data); }
  close(): Promise<void> { return this.inner.close(); }

  /**
   * Delivers garbage now, between two received chunks. It touches the line it splits, if any, and, unless it
   * ends with a line end, the line it runs into (the same one when it holds no line end and split a line; none
   * when it came between the \r and \n of a line end, which then closes it).
   */
  inject(garbage: Buffer): void {
    const isEnd = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;
    const split = !isEnd(this.lastByte);
    const hasEnd = garbage.some((b) => isEnd(b));
    const runsInto = !isEnd(garbage[garbage.length - 1]) && this.lastByte !== 0x0d;
    this.touched.push(split && !hasEnd ? 1 : (split ? 1 : 0) + (runsInto ? 1 : 0));
    if (garbage.length > 0) this.lastByte = garbage[garbage.length - 1]!;
    this.emit('data', garbage);
  }
}

/** The factory BoardSession takes, remembering each transport it made. */
export function noisyFactory(made: NoisyTransport[]): (opts: SerialOpenOptions) => SerialTransport {
  return (opts) => {
    const t = new NoisyTransport(opts);
    made.push(t);
    return t;
  };
}
