// Shared by the virtual-board tests: read lines from a board through the app's own serial layer.
import { LineReader } from '../../core/device/line-reader.js';
import { openSerialTransport } from '../../core/device/serialport-transport.js';
import type { SerialTransport } from '../../core/device/transport.js';

export interface LineSession {
  readonly transport: SerialTransport;
  /** Resolves with the first line (from now on, or already buffered) that matches, or rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  readonly lines: string[];
  close(): Promise<void>;
}

export async function openLines(port: string): Promise<LineSession> {
  const transport = await openSerialTransport({ path: port });
  const reader = new LineReader();
  const lines: string[] = [];
  let consumed = 0;
  const waiters = new Set<() => void>();
  transport.on('data', (chunk) => reader.write(chunk));
  reader.on('data', (line: string) => {
    lines.push(line);
    for (const w of [...waiters]) w();
  });
  const waitFor = (pattern: RegExp, timeoutMs = 10_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        while (consumed < lines.length) {
          const line = lines[consumed++];
          if (pattern.test(line)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(line);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; got: ${JSON.stringify(lines.slice(-5))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { transport, waitFor, lines, close: () => transport.close() };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
