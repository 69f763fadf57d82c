// The Monitor step's server side: open the board's port, pass every line to the console and turn protocol v1
// result and @ram lines (docs/protocol.md) into events. An unasked close (unplug) ends the monitor with its error.
import { toErrorDto, type MonitorEventDto } from '../api/index.js';
import { LineReader, openSerialTransport, type SerialTransport } from '../device/index.js';

/** Strips the optional " *CC" checksum and splits "key=value"/"label:value" fields. */
function fields(line: string): string[] {
  return line.replace(/\s+\*[0-9A-Fa-f]{2}\s*$/, '').trim().split(/\s+/);
}

/** One protocol line as a monitor event, or null when it is not a result or RAM line (hello, acks, free text). */
export function parseBoardLine(line: string, job: string, at: number): MonitorEventDto | null {
  const parts = fields(line);
  if (parts[0] === '@ram') {
    const kv = Object.fromEntries(parts.slice(1).map((p) => p.split('=') as [string, string]));
    const num = (k: string): number | undefined => (kv[k] !== undefined && Number.isFinite(Number(kv[k])) ? Number(kv[k]) : undefined);
    const free = num('free'); const stack = num('stack'); const act = num('act'); const total = num('total');
    return { type: 'ram', job, at, ...(free !== undefined ? { free } : {}), ...(stack !== undefined ? { stack } : {}),
      ...(act !== undefined ? { activation: act } : {}), ...(total !== undefined ? { total } : {}) };
  }
  if (line.startsWith('@')) return null;
  const labels: string[] = []; const values: number[] = [];
  let top: string | undefined; let us: number | undefined; let seq: number | undefined;
  for (const p of parts) {
    if (p.startsWith('top=')) top = p.slice(4);
    else if (p.startsWith('us=')) us = Number(p.slice(3));
    else if (/^#\d+$/.test(p)) seq = Number(p.slice(1));
    else {
      const i = p.lastIndexOf(':');
      const v = i > 0 ? Number(p.slice(i + 1)) : NaN;
      if (!Number.isFinite(v)) return null;
      labels.push(p.slice(0, i)); values.push(v);
    }
  }
  if (labels.length === 0 || seq === undefined) return null;
  return { type: 'result', job, seq, labels, values, at, ...(top ? { top } : {}), ...(us !== undefined && Number.isFinite(us) ? { latencyUs: us } : {}) };
}

export interface RunningMonitor {
  stop(): Promise<void>;
}

export async function startMonitor(job: string, port: string, emit: (e: MonitorEventDto) => void): Promise<RunningMonitor> {
  const transport: SerialTransport = await openSerialTransport({ path: port });
  const reader = new LineReader();
  let stopped = false;
  const onData = (chunk: Buffer): void => { reader.write(chunk); };
  reader.on('data', (line: string) => {
    const at = Date.now();
    emit({ type: 'line', job, text: line, at });
    const e = parseBoardLine(line, job, at);
    if (e) emit(e);
  });
  transport.on('data', onData);
  transport.on('close', (err) => {
    transport.off('data', onData);
    reader.end();
    if (!stopped) emit({ type: 'ended', job, ...(err ? { error: toErrorDto(err) } : {}) });
  });
  // Ask the board to say hello and report RAM now, so the console shows something even between results.
  await transport.write('@hello?\n@ram?\n').catch(() => undefined);
  return {
    stop: async () => {
      stopped = true;
      await transport.close();
      emit({ type: 'ended', job });
    },
  };
}
