// A live session with one board: decodes its lines, counts lost ones, and reconnects by itself after an
// upload, a reset, or the port closing and reopening.
import { EventEmitter } from 'node:events';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { LineReader } from './line-reader.js';
import { ProtocolDecoder, type DecodedLine } from './protocol/decoder.js';
import { encodeHelloRequest, encodeInput, encodeMode, encodeRamRequest, encodeRate } from './protocol/encode.js';
import type { BoardMessage, BoardMessageKind, HelloMessage, OutMessage, RamMessage, ResultMessage } from './protocol/messages.js';
import { createSerialTransport } from './serialport-transport.js';
import { DEFAULT_BAUD_RATE, type SerialOpenOptions, type SerialTransport } from './transport.js';

export type SessionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'released' | 'closed';

export interface SessionOptions {
  readonly path: string;
  readonly baudRate?: number;
  /** How a transport is made (the real serial port by default; tests may pass another SerialTransport). */
  readonly createTransport?: (opts: SerialOpenOptions) => SerialTransport;
  /** Ask `@hello?` when no hello came this long after opening, and again as long as none comes (default 2500). */
  readonly helloRetryMs?: number;
  /** Pause between attempts to reopen a port that went away (default 250). */
  readonly reopenMs?: number;
}

export interface SessionStats {
  /** Result lines received. */
  readonly results: number;
  /** Protocol lines lost, from sequence gaps (a line with a failed checksum is one of them). */
  readonly lostLines: number;
  /** Bytes received. */
  readonly bytes: number;
  /** Lines received, protocol or not. */
  readonly lines: number;
  /** Lines that were not protocol lines (debug prints, garbage, failed checksums). */
  readonly rawLines: number;
  /** Board restarts seen (hello #0 after the first, or the counter going backwards). */
  readonly resets: number;
  /** Times the port was opened again after it went away. */
  readonly reconnects: number;
}

export interface SessionEvents {
  hello: [HelloMessage];
  result: [ResultMessage];
  ram: [RamMessage];
  message: [BoardMessage];
  /** count lines were lost just before `message`. */
  lost: [count: number, total: number];
  /** Every line, for the raw console: `message` is set when it was a protocol line. */
  line: [line: string, message: BoardMessage | undefined];
  state: [SessionState];
  /** Errors that do not end the session (a failed reopen attempt); it keeps trying. */
  warning: [TinyDeployError];
}

type Waiter = (m: BoardMessage) => boolean;

export class BoardSession extends EventEmitter<SessionEvents> {
  state: SessionState = 'idle';
  hello: HelloMessage | undefined;
  lastRam: RamMessage | undefined;
  private readonly decoder = new ProtocolDecoder();
  private readonly opts: Required<Omit<SessionOptions, 'baudRate'>> & { baudRate: number };
  private transport: SerialTransport | undefined;
  private reader: LineReader | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<Waiter>();
  private nextId = 1;
  private askedOnJoin = false;
  private counts = { results: 0, bytes: 0, lines: 0, rawLines: 0, reconnects: 0 };

  constructor(opts: SessionOptions) {
    super();
    this.opts = {
      path: opts.path,
      baudRate: opts.baudRate ?? DEFAULT_BAUD_RATE,
      createTransport: opts.createTransport ?? createSerialTransport,
      helloRetryMs: opts.helloRetryMs ?? 2500,
      reopenMs: opts.reopenMs ?? 250,
    };
  }

  get path(): string {
    return this.opts.path;
  }

  get stats(): SessionStats {
    return { ...this.counts, lostLines: this.decoder.sequence.lost, resets: this.decoder.sequence.resets };
  }

  /** Opens the port; rejects with the port's TinyDeployError when it cannot be opened the first time. */
  async start(): Promise<void> {
    if (this.state !== 'idle' && this.state !== 'released' && this.state !== 'closed') return;
    this.setState('connecting');
    await this.connect();
  }

  /** Closes the port so another program (arduino-cli upload) can use it; resume() takes it back. */
  async release(): Promise<void> {
    this.clearTimers();
    this.setState('released');
    await this.dropTransport();
  }

  /** Takes the port back after release(), retrying until it is there again (a board re-enumerates after upload). */
  resume(): void {
    if (this.state !== 'released') return;
    this.decoder.sequence.forget();
    this.hello = undefined;
    this.scheduleReopen(0);
  }

  async stop(): Promise<void> {
    this.clearTimers();
    this.setState('closed');
    await this.dropTransport();
    for (const w of [...this.waiters]) w({ kind: 'err', seq: 0, code: 'closed', msg: 'session stopped' });
  }

  async send(line: string): Promise<void> {
    if (!this.transport?.isOpen) {
      throw new TinyDeployError(ErrorCode.BoardNotResponding, `The port ${this.opts.path} is not open`, {
        advice: 'Wait for the board to come back (plug it in again), then retry.',
      });
    }
    await this.transport.write(line);
  }

  /** The next message of that kind (matching `accept`), or a Timeout error. */
  waitFor<K extends BoardMessageKind>(kind: K, accept: (m: Extract<BoardMessage, { kind: K }>) => boolean = () => true, timeoutMs = 10_000): Promise<Extract<BoardMessage, { kind: K }>> {
    const matches = (m: BoardMessage): m is Extract<BoardMessage, { kind: K }> => m.kind === kind;
    return this.waitForMessage((m) => matches(m) && accept(m), timeoutMs, kind) as Promise<Extract<BoardMessage, { kind: K }>>;
  }

  /** The next message of any kind that `accept` takes, or a Timeout error naming `what`. */
  waitForMessage(accept: (m: BoardMessage) => boolean, timeoutMs = 10_000, what = 'answer'): Promise<BoardMessage> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = (m) => {
        if (m.kind === 'err' && m.code === 'closed') return settle(() => reject(new TinyDeployError(ErrorCode.Cancelled, 'The session was stopped')));
        if (!accept(m)) return false;
        return settle(() => resolve(m));
      };
      const settle = (f: () => void): true => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        f();
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new TinyDeployError(ErrorCode.Timeout, `No ${what} line from the board on ${this.opts.path} within ${timeoutMs} ms`, {
          advice: 'Check that the board runs a TinyDeploy sketch at the same baud rate, or press its reset button.',
        }));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The board's hello: the one already received, or the next one. */
  waitForHello(timeoutMs = 10_000): Promise<HelloMessage> {
    return this.hello ? Promise.resolve(this.hello) : this.waitFor('hello', () => true, timeoutMs);
  }

  async setMode(mode: 'stream' | 'host', timeoutMs = 5000): Promise<void> {
    const ack = this.waitFor('ack', (a) => a.cmd === 'mode', timeoutMs);
    await this.send(encodeMode(mode));
    await ack;
  }

  async setRate(periodMs: number, timeoutMs = 5000): Promise<void> {
    const ack = this.waitFor('ack', (a) => a.cmd === 'rate', timeoutMs);
    await this.send(encodeRate(periodMs));
    await ack;
  }

  async requestRam(timeoutMs = 5000): Promise<RamMessage> {
    const ram = this.waitFor('ram', () => true, timeoutMs);
    await this.send(encodeRamRequest());
    return ram;
  }

  /** Runs one inference on the board (`@in`) and returns its int8 outputs; a refused vector rejects. */
  async infer(input: Int8Array, timeoutMs = 10_000): Promise<OutMessage> {
    const id = this.nextId++;
    // One waiter for the answer: this vector's @out, or an @err (the board answers @in in order).
    const answer = this.waitForMessage((m) => (m.kind === 'out' && m.id === id) || m.kind === 'err', timeoutMs, '@out');
    await this.send(encodeInput(id, input));
    const m = await answer;
    if (m.kind === 'err') {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `The board refused input vector ${id}: ${m.msg} (${m.code})`, {
        advice: m.code === 'size' ? 'Send exactly as many bytes as the model input has.' : 'Check the model on the board matches the one given.',
      });
    }
    return m as OutMessage;
  }

  private setState(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  private async connect(): Promise<void> {
    const transport = this.opts.createTransport({ path: this.opts.path, baudRate: this.opts.baudRate });
    const reader = new LineReader({ maxLineBytes: 65536 });
    transport.on('data', (chunk) => {
      this.counts.bytes += chunk.length;
      reader.write(chunk);
    });
    reader.on('data', (line: string) => this.onLine(this.decoder.decode(line)));
    reader.on('overflow', () => {
      this.counts.lines++;
      this.counts.rawLines++;
    });
    transport.on('close', (err) => {
      if (this.transport !== transport) return;
      this.transport = undefined;
      this.clearTimers();
      if (err && this.state === 'open') {
        this.setState('reconnecting');
        this.scheduleReopen(this.opts.reopenMs);
      }
    });
    await transport.open();
    if (this.state === 'closed' || this.state === 'released') {
      await transport.close();
      return;
    }
    this.transport = transport;
    this.reader = reader;
    this.askedOnJoin = false;
    this.setState('open');
    this.armHelloTimer();
  }

  private scheduleReopen(delayMs: number): void {
    this.reopenTimer = setTimeout(() => {
      if (this.state === 'closed') return;
      const wasOpenBefore = this.state === 'reconnecting';
      this.setState('reconnecting');
      this.connect().then(
        () => {
          if (wasOpenBefore) this.counts.reconnects++;
        },
        (err: unknown) => {
          if (err instanceof TinyDeployError) this.emit('warning', err);
          if (this.state === 'reconnecting') this.scheduleReopen(this.opts.reopenMs);
        },
      );
    }, delayMs);
  }

  private armHelloTimer(): void {
    clearTimeout(this.helloTimer);
    this.helloTimer = setTimeout(() => {
      if (this.hello || !this.transport?.isOpen) return;
      this.transport.write(encodeHelloRequest()).catch(() => undefined);
      this.armHelloTimer();
    }, this.opts.helloRetryMs);
  }

  private onLine(d: DecodedLine): void {
    this.counts.lines++;
    if (d.type === 'raw') {
      this.counts.rawLines++;
      this.emit('line', d.line, undefined);
      return;
    }
    const m = d.message;
    if (!this.hello && m.kind !== 'hello' && !this.askedOnJoin) {
      // Joined a board mid-stream (it did not reset on open): ask for its hello now rather than after the timer.
      this.askedOnJoin = true;
      this.transport?.write(encodeHelloRequest()).catch(() => undefined);
    }
    this.emit('line', d.line, m);
    if (d.lostBefore > 0) this.emit('lost', d.lostBefore, this.decoder.sequence.lost);
    if (m.kind === 'hello') {
      this.hello = m;
      clearTimeout(this.helloTimer);
      this.emit('hello', m);
    } else if (m.kind === 'result') {
      this.counts.results++;
      this.emit('result', m);
    } else if (m.kind === 'ram') {
      this.lastRam = m;
      this.emit('ram', m);
    }
    this.emit('message', m);
    for (const w of [...this.waiters]) w(m);
  }

  private clearTimers(): void {
    clearTimeout(this.helloTimer);
    clearTimeout(this.reopenTimer);
  }

  private async dropTransport(): Promise<void> {
    const t = this.transport;
    this.transport = undefined;
    this.reader?.end();
    this.reader = undefined;
    if (t) await t.close();
  }
}
