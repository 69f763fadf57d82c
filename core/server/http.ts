// Browser mode: serves the built renderer and the api (HTTP POST /api/rpc, WebSocket /api/ws) on 127.0.0.1 only,
// behind the Host/Origin and token checks of guard.ts. No request, however malformed, may end the process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isRpcCall, type RpcMessage, type ServiceEventDto } from '../api/index.js';
import { checkRequest, type RequestFacts } from './guard.js';
import { dispatch } from './rpc.js';
import { NodeService } from './service.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
};
/** Base64 of the largest model or dataset a student may upload, plus JSON overhead. */
const MAX_BODY = 96 * 1024 * 1024;
const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };

export interface BrowserServer {
  /** The URL to open, with the launch token. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly service: NodeService;
  close(): Promise<void>;
}

function facts(req: IncomingMessage): RequestFacts {
  const header = req.headers['x-tinydeploy-token'];
  let token = typeof header === 'string' ? header : undefined;
  if (token === undefined) {
    try { token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? undefined; } catch { token = undefined; }
  }
  return { method: req.method ?? 'GET', url: req.url ?? '', ...(req.headers.host ? { host: req.headers.host } : {}),
    ...(req.headers.origin ? { origin: req.headers.origin } : {}), ...(token ? { token } : {}) };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { resolve(null); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

export async function startBrowserServer(options: { staticDir: string; port?: number; service?: NodeService }): Promise<BrowserServer> {
  const token = randomBytes(24).toString('base64url');
  const root = path.resolve(options.staticDir);
  const service = options.service ?? new NodeService();
  let port = 0;

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    if (res.headersSent) { res.end(); return; }
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...headers });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const v = checkRequest(facts(req), { port, token });
    if (!v.ok) { send(res, v.status, `${v.reason}\n`, v.allow ? { allow: v.allow } : {}); return; }
    if (v.route === 'ws') { send(res, 400, 'this path takes a WebSocket upgrade\n'); return; }
    if (v.route === 'rpc') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) { send(res, 400, 'the api takes application/json\n'); return; }
      const body = await readBody(req);
      if (body === null) { send(res, 400, 'request body too large or broken\n'); return; }
      let call: { method?: unknown; arg?: unknown };
      try { call = JSON.parse(body) as { method?: unknown; arg?: unknown }; } catch { send(res, 400, 'the body is not JSON\n'); return; }
      const r = await dispatch(service, call?.method, call?.arg);
      send(res, 200, JSON.stringify(r.ok ? { kind: 'result', value: r.value } : { kind: 'error', error: r.error }), { 'content-type': 'application/json' });
      return;
    }
    const rel = v.route === 'page' ? 'index.html' : v.pathname.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) { send(res, 403, 'outside the app\n'); return; }
    let body: Buffer;
    try { body = await readFile(file); } catch { send(res, 404, 'not found\n'); return; }
    if (v.route === 'page') {
      // The page learns the launch token from a meta tag only this server writes; other origins cannot read it.
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    <meta name="tinydeploy-token" content="${token}" />`));
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, `internal error: ${(err as Error).message}\n`));
  });
  server.on('clientError', (_err, socket: Duplex) => { if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'); else socket.destroy(); });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  const sockets = new Set<WebSocket>();
  const onEvent = (event: ServiceEventDto): void => {
    const text = JSON.stringify({ kind: 'event', event } satisfies RpcMessage);
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(text);
  };
  service.events.on('event', onEvent);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const v = checkRequest(facts(req), { port, token });
    if (!v.ok || v.route !== 'ws') {
      const status = v.ok ? 404 : v.status;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.on('message', (data) => {
        let call: unknown;
        try { call = JSON.parse(data.toString()); } catch { call = null; }
        if (!isRpcCall(call)) { ws.close(1008, 'not an api call'); return; }
        void dispatch(service, call.method, call.arg).then((r) => {
          const msg: RpcMessage = r.ok ? { kind: 'result', id: call.id, value: r.value } : { kind: 'error', id: call.id, error: r.error };
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port, token, service,
    close: async () => {
      service.events.off('event', onEvent);
      for (const s of sockets) s.terminate();
      wss.close();
      await service.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
