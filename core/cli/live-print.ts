// How monitor and deploy print a live session: one line per message for people, or one JSON object per line.
import type { BoardSession } from '../device/session.js';
import type { BoardMessage } from '../device/protocol/index.js';

export function describeMessage(m: BoardMessage): string {
  switch (m.kind) {
    case 'hello': return `board ${m.board} runs ${m.model} (${m.hash}, ${m.backend}): in ${m.inShape.join('x')}, out ${m.outShape.join('x')}, activations ${m.actBytes} B of ${m.ramTotal} B RAM, ${m.source} input every ${m.periodMs} ms`;
    case 'result': return `${m.x !== undefined ? `x ${m.x.toFixed(4)}:  ` : ''}${m.scores.map((s) => `${s.label} ${s.value.toFixed(4)}`).join('  ')}  → ${m.top}  (${m.latencyUs} µs)`;
    case 'ram': return `RAM: ${m.freeBytes} B free, stack high-water ${m.stackUsed} B, activations ${m.actBytes} B, total ${m.total} B`;
    case 'out': return `out #${m.id}: ${Buffer.from(m.q.buffer, m.q.byteOffset, m.q.byteLength).toString('hex')} (${m.latencyUs} µs)`;
    case 'ack': return `ok: ${m.cmd}`;
    case 'err': return `board refused a command: ${m.msg} (${m.code})`;
  }
}

/** Prints every line of the session; returns a function that stops printing. */
export function printSession(session: BoardSession, json: boolean, write: (line: string) => void = (l) => console.log(l)): () => void {
  const onLine = (line: string, m: BoardMessage | undefined): void => {
    if (json) write(JSON.stringify(m ? { type: m.kind, ...m, ...(m.kind === 'out' ? { q: Array.from(m.q) } : {}) } : { type: 'raw', line }));
    else write(m ? describeMessage(m) : `  | ${line}`);
  };
  const onLost = (count: number, total: number): void => {
    if (json) write(JSON.stringify({ type: 'lost', count, total }));
    else write(`(${count} line${count === 1 ? '' : 's'} lost, ${total} in all)`);
  };
  const onState = (state: string): void => {
    if (json) write(JSON.stringify({ type: 'state', state }));
    else if (state !== 'open') write(`(port ${session.path}: ${state})`);
  };
  session.on('line', onLine);
  session.on('lost', onLost);
  session.on('state', onState);
  return () => {
    session.off('line', onLine);
    session.off('lost', onLost);
    session.off('state', onState);
  };
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
