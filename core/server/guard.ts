// Who may talk to the browser-mode server: pure checks of one request, so each refusal is unit-tested.
// A page from any other origin (or a DNS-rebinding name that resolves to 127.0.0.1) is refused by Host/Origin;
// the api also needs the per-launch token, which only the page served by us (or the printed URL) carries.
import { timingSafeEqual } from 'node:crypto';

export interface RequestFacts {
  readonly method: string;
  /** The raw request target, as sent (may be malformed). */
  readonly url: string;
  readonly host?: string;
  readonly origin?: string;
  /** The token the request carries (x-tinydeploy-token header, or ?token= on the WebSocket and the page). */
  readonly token?: string;
}

export type Route = 'page' | 'asset' | 'rpc' | 'ws';

export type Verdict =
  | { readonly ok: true; readonly route: Route; readonly pathname: string }
  | { readonly ok: false; readonly status: 400 | 401 | 403 | 404 | 405; readonly reason: string; readonly allow?: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The decoded path, or null when the target is not a valid origin-form path (bad escapes, no leading slash). */
export function decodePath(url: string): string | null {
  if (!url.startsWith('/') || url.startsWith('//')) return null;
  try {
    const pathname = new URL(url, 'http://127.0.0.1').pathname;
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

export function checkRequest(r: RequestFacts, opts: { port: number; token: string }): Verdict {
  const pathname = decodePath(r.url);
  if (pathname === null) return { ok: false, status: 400, reason: 'malformed request path' };
  const hosts = allowedHosts(opts.port);
  if (!r.host || !hosts.includes(r.host.toLowerCase())) return { ok: false, status: 403, reason: `Host "${r.host ?? ''}" is not this server` };
  if (r.origin !== undefined && !hosts.map((h) => `http://${h}`).includes(r.origin.toLowerCase())) {
    return { ok: false, status: 403, reason: `requests from ${r.origin} are refused` };
  }
  const route: Route = pathname === '/' || pathname === '/index.html' ? 'page' : pathname === '/api/rpc' ? 'rpc' : pathname === '/api/ws' ? 'ws' :
    pathname.startsWith('/api/') ? 'rpc' : 'asset';
  if (route === 'rpc' && pathname !== '/api/rpc') return { ok: false, status: 404, reason: 'no such api' };
  const methods = route === 'rpc' ? ['POST'] : ['GET', 'HEAD'];
  if (!methods.includes(r.method)) return { ok: false, status: 405, reason: `${r.method} is not allowed here`, allow: methods.join(', ') };
  if ((route === 'rpc' || route === 'ws' || route === 'page') && !sameToken(r.token, opts.token)) {
    return { ok: false, status: 401, reason: route === 'page' ? 'open the URL printed at start (it carries the launch token)' : 'missing or wrong token' };
  }
  return { ok: true, route, pathname };
}
