// The main process's side of the utility process: forwards checked calls, relays events, and says so in an
// ErrorDto (never a hang) when the utility process died; the next call starts a fresh one.
import { utilityProcess, type UtilityProcess } from 'electron';
import path from 'node:path';
import { ErrorCode, type CallResult, type ServiceEventDto, type ServiceMethod } from '../core/api/index.js';
import type { HostReply } from './host-messages.js';

export class ServiceClient {
  private child: UtilityProcess | null = null;
  private next = 1;
  private readonly pending = new Map<number, (r: CallResult) => void>();

  constructor(private readonly onEvent: (e: ServiceEventDto) => void) {}

  private start(): UtilityProcess {
    if (this.child) return this.child;
    const child = utilityProcess.fork(path.join(__dirname, 'service-host.cjs'), [], { serviceName: 'TinyDeploy service', stdio: 'inherit' });
    child.on('message', (m: HostReply) => {
      if (m.kind === 'event') { this.onEvent(m.event); return; }
      this.pending.get(m.id)?.(m.result);
      this.pending.delete(m.id);
    });
    child.on('exit', (code) => {
      this.child = null;
      for (const done of this.pending.values()) {
        done({ ok: false, error: { code: ErrorCode.Internal, name: 'ServiceStopped', message: `TinyDeploy's background process stopped (exit ${code}).`, advice: 'Try again; it restarts by itself. If it keeps stopping, the model may be too large for this computer.' } });
      }
      this.pending.clear();
    });
    this.child = child;
    return child;
  }

  call(method: ServiceMethod, arg: unknown): Promise<CallResult> {
    const child = this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      child.postMessage({ id, method, arg });
    });
  }

  stop(): void {
    this.child?.kill();
  }
}
