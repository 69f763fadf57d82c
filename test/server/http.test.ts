// The browser-mode server over real sockets: refusals, a malformed URL that must not end it, the api by HTTP and WebSocket.
import http from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ErrorCode, type RpcMessage } from '../../core/api/index.js';
import { startBrowserServer, type BrowserServer } from '../../core/server/http.js';

let server: BrowserServer;

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const rpc = (method: string, arg?: unknown, headers: Record<string, string> = {}) => request({
  method: 'POST', path: '/api/rpc', body: JSON.stringify({ method, arg }),
  headers: { 'content-type': 'application/json', 'x-tinydeploy-token': server.token, ...headers },
});

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'td-static-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(path.join(dir, 'app.js'), 'console.log(1)');
  server = await startBrowserServer({ staticDir: dir, port: 0 });
});
afterAll(() => server?.close());

describe('browser-mode server', () => {
  it('answers a malformed URL with 400 and keeps serving', async () => {
    expect((await request({ path: '/%E0%A4%A' })).status).toBe(400);
    expect((await request({ path: '/app.js' })).status).toBe(200);
  });

  it('refuses a foreign Host and a foreign Origin', async () => {
    expect((await request({ path: '/app.js', headers: { host: 'rebind.example:80' } })).status).toBe(403);
    expect((await rpc('appInfo', undefined, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves the page only with the launch token, and writes the token into it', async () => {
    expect((await request({ path: '/' })).status).toBe(401);
    const page = await request({ path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="tinydeploy-token" content="${server.token}" />`);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses the api without the token and with a wrong method', async () => {
    expect((await rpc('appInfo', undefined, { 'x-tinydeploy-token': 'nope' })).status).toBe(401);
    const get = await request({ path: '/api/rpc', headers: { 'x-tinydeploy-token': server.token } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await request({ method: 'PUT', path: '/app.js' })).status).toBe(405);
  });

  it('answers api calls, and bad calls with an ErrorDto', async () => {
    const info = JSON.parse((await rpc('appInfo')).body) as RpcMessage;
    expect(info).toMatchObject({ kind: 'result', value: { name: 'TinyDeploy' } });
    const bad = JSON.parse((await rpc('openModel', { kind: 'example', id: 'no-such' })).body) as RpcMessage;
    expect(bad).toMatchObject({ kind: 'error', error: { code: ErrorCode.InvalidArgument } });
    const unknown = JSON.parse((await rpc('rm -rf', {})).body) as RpcMessage;
    expect(unknown).toMatchObject({ kind: 'error', error: { code: ErrorCode.InvalidArgument } });
  });

  it('says what is wrong with a broken model file', async () => {
    const base64 = Buffer.from('this is not a model at all, just text').toString('base64');
    const msg = JSON.parse((await rpc('openModel', { kind: 'file', name: 'broken.tflite', base64 })).body) as RpcMessage;
    expect(msg.kind).toBe('error');
    if (msg.kind === 'error') {
      expect(msg.error.message).toMatch(/broken\.tflite/);
      expect(msg.error.advice).toBeTruthy();
    }
  });

  it('takes WebSocket calls with the token from this origin only', async () => {
    const ok = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    await new Promise((resolve, reject) => { ok.once('open', resolve); ok.once('error', reject); });
    const answer = new Promise<RpcMessage>((resolve) => ok.once('message', (d) => resolve(JSON.parse(d.toString()) as RpcMessage)));
    ok.send(JSON.stringify({ id: 7, method: 'listBoards' }));
    const msg = await answer;
    expect(msg).toMatchObject({ kind: 'result', id: 7 });
    if (msg.kind === 'result') expect((msg.value as { id: string }[]).some((b) => b.id === 'uno-sim')).toBe(true);
    ok.close();
    for (const [url, origin] of [
      [`ws://127.0.0.1:${server.port}/api/ws?token=${server.token}`, 'http://evil.example'],
      [`ws://127.0.0.1:${server.port}/api/ws?token=wrong`, `http://127.0.0.1:${server.port}`],
    ] as const) {
      const ws = new WebSocket(url, { origin });
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('error', () => resolve(-1));
      });
      expect([401, 403]).toContain(status);
    }
  });
});
