import { describe, expect, it } from 'vitest';
import { checkRequest, decodePath, sameToken } from '../../core/server/guard.js';

const opts = { port: 5173, token: 'secret-token' };
const host = '127.0.0.1:5173';

describe('browser-mode request guard', () => {
  it('refuses malformed paths with 400 instead of throwing', () => {
    for (const url of ['/%E0%A4%A', '/%', '/a%00b', 'http://evil/', '//evil.example/x', '']) {
      expect(decodePath(url)).toBeNull();
      expect(checkRequest({ method: 'GET', url, host }, opts)).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403', () => {
    expect(checkRequest({ method: 'GET', url: '/app.js', host: 'evil.example:5173' }, opts)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ method: 'GET', url: '/app.js' }, opts)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ method: 'GET', url: '/app.js', host: '127.0.0.1:9999' }, opts)).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ method: 'POST', url: '/api/rpc', host, origin: 'http://evil.example', token: 'secret-token' }, opts))
      .toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ method: 'POST', url: '/api/rpc', host, origin: 'http://127.0.0.1:5173', token: 'secret-token' }, opts))
      .toMatchObject({ ok: true, route: 'rpc' });
  });

  it('needs the token for the page, the api and the socket, not for public assets', () => {
    expect(checkRequest({ method: 'GET', url: '/', host }, opts)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ method: 'GET', url: '/?token=secret-token', host, token: 'secret-token' }, opts)).toMatchObject({ ok: true, route: 'page' });
    expect(checkRequest({ method: 'POST', url: '/api/rpc', host, token: 'wrong-token!' }, opts)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ method: 'GET', url: '/api/ws', host }, opts)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ method: 'GET', url: '/assets/index.js', host: 'localhost:5173' }, opts)).toMatchObject({ ok: true, route: 'asset' });
  });

  it('answers wrong methods with 405 and the allowed ones', () => {
    expect(checkRequest({ method: 'GET', url: '/api/rpc', host, token: 'secret-token' }, opts)).toMatchObject({ ok: false, status: 405, allow: 'POST' });
    expect(checkRequest({ method: 'DELETE', url: '/app.js', host }, opts)).toMatchObject({ ok: false, status: 405, allow: 'GET, HEAD' });
    expect(checkRequest({ method: 'POST', url: '/api/other', host, token: 'secret-token' }, opts)).toMatchObject({ ok: false, status: 404 });
  });

  it('compares tokens by value and length', () => {
    expect(sameToken('secret-token', 'secret-token')).toBe(true);
    expect(sameToken('secret-toke', 'secret-token')).toBe(false);
    expect(sameToken(undefined, 'secret-token')).toBe(false);
  });
});
