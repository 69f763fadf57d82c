// A minimal QMP (QEMU Machine Protocol) client over a unix socket: enough to reset or query a running board.
import net from 'node:net';
import { ErrorCode, TinyDeployError } from '../../api/index.js';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: Error) => void;
}

/** One QMP session: greeting, capabilities negotiation, then commands answered strictly in order. */
export class QmpClient {
  private readonly queue: Pending[] = [];
  private buffer = '';
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => this.receive(text));
    socket.on('error', (err) => this.failAll(err));
    socket.on('close', () => this.failAll(new Error('QMP connection closed')));
  }

  /** Connects, reads the greeting and enters command mode. */
  static async connect(socketPath: string, timeoutMs = 5000): Promise<QmpClient> {
    const socket = net.createConnection(socketPath);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no QMP answer on ${socketPath}`)), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    const client = new QmpClient(socket);
    await client.execute('qmp_capabilities');
    return client;
  }

  /** Sends a command and resolves with its "return" value; a QMP "error" rejects. */
  execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('QMP connection closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.socket.write(JSON.stringify(args ? { execute: command, arguments: args } : { execute: command }) + '\n');
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private receive(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line) this.handle(line);
    }
  }

  private handle(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return; // not JSON: ignore rather than desynchronise the queue
    }
    if ('QMP' in msg || 'event' in msg) return; // the greeting (answered by connect's first command) and events
    const pending = this.queue.shift();
    if (!pending) return;
    if ('error' in msg) {
      const e = msg.error as { desc?: string };
      pending.reject(new TinyDeployError(ErrorCode.Internal, `QEMU refused a command: ${e?.desc ?? line}`));
    } else {
      pending.resolve(msg.return);
    }
  }

  private failAll(err: Error): void {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(err);
  }
}
