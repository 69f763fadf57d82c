// The one module that talks to core/api: IPC under Electron (window.tinydeploy from the preload), a WebSocket to
// core/server in a browser. Both are typed by the same TinyDeployService contract.
import type { ErrorDto, RpcMessage, ServiceBridge, ServiceEventDto, ServiceMethod, TinyDeployService } from '../../core/api/index.js';

declare global {
  interface Window {
    tinydeploy?: ServiceBridge;
  }
}

/** An api failure as the UI sees it: the message plus everything the ErrorDto carries. */
export class ApiError extends Error {
  readonly dto: ErrorDto;
  constructor(dto: ErrorDto) {
    super(dto.message);
    this.name = 'ApiError';
    this.dto = dto;
  }
}

export type Client = TinyDeployService & {
  onEvent(listener: (event: ServiceEventDto) => void): () => void;
  readonly transport: 'ipc' | 'websocket';
};

const CONNECTION_LOST: ErrorDto = { code: 1, name: 'ConnectionLost', message: 'The connection to the TinyDeploy server was lost.', advice: 'Check that `npm start` (or `tinydeploy serve`) is still running, then reload the page.' };

function socketCaller(): ServiceBridge {
  const token = document.querySelector('meta[name="tinydeploy-token"]')?.getAttribute('content') ?? new URLSearchParams(location.search).get('token') ?? '';
  const listeners = new Set<(e: ServiceEventDto) => void>();
  const pending = new Map<number, (m: RpcMessage) => void>();
  let next = 1;
  let socket: Promise<WebSocket> | null = null;
  const connect = (): Promise<WebSocket> => {
    socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws?token=${encodeURIComponent(token)}`);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new ApiError(CONNECTION_LOST));
      ws.onclose = () => {
        socket = null;
        for (const [id, done] of pending) done({ kind: 'error', id, error: CONNECTION_LOST });
        pending.clear();
      };
      ws.onmessage = (m: MessageEvent<string>) => {
        const msg = JSON.parse(m.data) as RpcMessage;
        if (msg.kind === 'event') { for (const l of listeners) l(msg.event); return; }
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      };
    });
    return socket;
  };
  return {
    call: async (method, arg) => {
      const ws = await connect();
      const id = next++;
      const answer = new Promise<RpcMessage>((resolve) => pending.set(id, resolve));
      ws.send(JSON.stringify({ id, method, arg }));
      const msg = await answer;
      return msg.kind === 'result' ? { ok: true, value: msg.value } : msg.kind === 'error' ? { ok: false, error: msg.error } : { ok: false, error: CONNECTION_LOST };
    },
    onEvent: (l) => { listeners.add(l); void connect().catch(() => undefined); return () => listeners.delete(l); },
  };
}

export function createClient(): Client {
  const bridge = window.tinydeploy ?? socketCaller();
  const call = async (method: ServiceMethod, arg?: unknown): Promise<never> => {
    const r = await bridge.call(method, arg);
    if (!r.ok) throw new ApiError(r.error);
    return r.value as never;
  };
  return {
    transport: window.tinydeploy ? 'ipc' : 'websocket',
    onEvent: (l) => bridge.onEvent(l),
    appInfo: () => call('appInfo'),
    listExamples: () => call('listExamples'),
    openModel: (s) => call('openModel', s),
    compress: (r) => call('compress', r),
    listBoards: () => call('listBoards'),
    listPorts: () => call('listPorts'),
    checkFit: (r) => call('checkFit', r),
    coreStatus: (r) => call('coreStatus', r),
    installCore: (r) => call('installCore', r),
    deploy: (r) => call('deploy', r),
    startMonitor: (r) => call('startMonitor', r),
    validate: (r) => call('validate', r),
    cancel: (r) => call('cancel', r),
  };
}

/** The ErrorDto behind anything a call threw. */
export function errorOf(e: unknown): ErrorDto {
  if (e instanceof ApiError) return e.dto;
  return { code: 1, name: 'Error', message: e instanceof Error ? e.message : String(e) };
}

let seq = 0;
export function newJobId(kind: string): string {
  seq += 1;
  return `${kind}-${Date.now().toString(36)}-${seq}`;
}

/** File bytes as base64 for the api (models and datasets a student picks). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
