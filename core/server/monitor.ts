// The Monitor step's server side: a BoardSession (core/device, protocol v1) per port, its messages turned into
// api events for one monitor job. The session reconnects by itself after an unplug or a reset; the UI is told.
import { ErrorCode, toErrorDto, type MonitorEventDto } from '../api/index.js';
import type { BoardMessage } from '../device/protocol/messages.js';
import type { BoardSession, SessionState } from '../device/session.js';

/** One protocol message as an api event, or null for kinds the Monitor does not show (acks, @out, errors). */
export function monitorEvent(m: BoardMessage, job: string, at: number): MonitorEventDto | null {
  switch (m.kind) {
    case 'result':
      return { type: 'result', job, seq: m.seq, labels: m.scores.map((s) => s.label), values: m.scores.map((s) => s.value), top: m.top, latencyUs: m.latencyUs, ...(m.x !== undefined ? { x: m.x } : {}), at };
    case 'ram':
      return { type: 'ram', job, free: m.freeBytes, stack: m.stackUsed, activation: m.actBytes, total: m.total, at };
    case 'hello':
      return { type: 'hello', job, board: m.board, model: m.model, hash: m.hash, labels: m.labels ? [...m.labels] : null, backend: m.backend, ramTotal: m.ramTotal, periodMs: m.periodMs };
    default:
      return null;
  }
}

export interface RunningMonitor {
  readonly session: BoardSession;
  stop(): Promise<void>;
}

/** Follows a started session for one job until stop() (which leaves the session to its owner). */
export function followSession(session: BoardSession, job: string, emit: (e: MonitorEventDto) => void): RunningMonitor {
  const onMessage = (m: BoardMessage): void => { const e = monitorEvent(m, job, Date.now()); if (e) emit(e); };
  const onLine = (line: string): void => emit({ type: 'line', job, text: line, at: Date.now() });
  let lastWarning: ReturnType<typeof toErrorDto> | undefined;
  const onWarning = (err: Error): void => { lastWarning = toErrorDto(err); };
  const onState = (state: SessionState): void => {
    if (state === 'open') emit({ type: 'status', job, state: 'open', lostLines: session.stats.lostLines });
    else if (state === 'reconnecting') {
      emit({ type: 'status', job, state: 'reconnecting', lostLines: session.stats.lostLines, error: lastWarning ?? {
        code: ErrorCode.BoardNotResponding, name: 'BoardGone', message: `The board on ${session.path} went away (unplugged, or reset).`,
        advice: 'Plug it in again: the monitor picks it up by itself. Or press Stop.', port: session.path } });
    } else if (state === 'closed') emit({ type: 'ended', job });
  };
  session.on('message', onMessage);
  session.on('line', onLine);
  session.on('warning', onWarning);
  session.on('state', onState);
  if (session.hello) onMessage(session.hello);
  if (session.lastRam) onMessage(session.lastRam);
  return {
    session,
    stop: async () => {
      session.off('message', onMessage);
      session.off('line', onLine);
      session.off('warning', onWarning);
      session.off('state', onState);
      emit({ type: 'ended', job });
    },
  };
}
