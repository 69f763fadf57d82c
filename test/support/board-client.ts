// Talks the firmware's hex-line protocol (test/native/firmware/model_main.c) over a board's serial port.
import { LineReader } from '../../core/device/line-reader.js';
import { openSerialTransport } from '../../core/device/serialport-transport.js';
import type { SerialTransport } from '../../core/device/transport.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const CHUNK = 1024;

export interface Inference { output: Uint8Array; ticks: number }

export class ModelBoardClient {
  private lines: string[] = [];
  private waiters: Array<(line: string) => void> = [];
  private constructor(private readonly port: SerialTransport) {}

  /** Opens the port and pings until the firmware answers "R <in> <out>" (QEMU drops output until a client connects). */
  static async connect(path: string, timeoutMs = 20_000): Promise<{ client: ModelBoardClient; inputSize: number; outputSize: number }> {
    const port = await openSerialTransport({ path });
    const client = new ModelBoardClient(port);
    const reader = new LineReader({ maxLineBytes: 1 << 16 });
    port.on('data', (chunk) => reader.write(chunk));
    reader.on('data', (line: string) => {
      const w = client.waiters.shift();
      if (w) w(line);
      else client.lines.push(line);
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await port.write('P\n');
      const line = await client.next(500).catch(() => undefined);
      const m = line ? /^R (\d+) (\d+)$/.exec(line) : null;
      if (m) {
        client.lines = [];
        return { client, inputSize: Number(m[1]), outputSize: Number(m[2]) };
      }
    }
    await port.close();
    throw new Error(`no answer from the firmware on ${path} within ${timeoutMs} ms`);
  }

  private next(timeoutMs: number): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`no line within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (line: string): void => { clearTimeout(timer); resolve(line); };
      this.waiters.push(done);
    });
  }

  /** One inference: sends "I<hex>", waits for "O<hex> <ticks>" (stray ping answers are skipped). */
  async infer(input: Uint8Array, timeoutMs = 60_000): Promise<Inference> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no inference result within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exchange(`I${hex(input)}\n`, timeoutMs), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes in small chunks (a pty write of tens of KB in one go can stall), then reads the answer. */
  private async exchange(line: string, timeoutMs: number): Promise<Inference> {
    for (let i = 0; i < line.length; i += CHUNK) await this.port.write(line.slice(i, i + CHUNK));
    for (;;) {
      const answer = await this.next(timeoutMs);
      const m = /^O([0-9a-f]*) (\d+)$/.exec(answer);
      if (m) return { output: new Uint8Array(Buffer.from(m[1]!, 'hex')), ticks: Number(m[2]) };
      if (answer === 'E') throw new Error('the firmware rejected the input line');
    }
  }

  close(): Promise<void> { return this.port.close(); }
}
