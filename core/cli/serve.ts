// `tinydeploy serve [--port N]`: the app's UI in a browser (browser mode), on 127.0.0.1 behind a launch token.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { startBrowserServer } from '../server/http.js';

const USAGE = 'Usage: tinydeploy serve [--port N] (default 5173; 0 picks a free port)';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parsePort(args: readonly string[]): number {
  let port = 5173;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = a.startsWith('--port=') ? a.slice(7) : a === '--port' ? args[++i] : undefined;
    if (value === undefined) throw new TinyDeployError(ErrorCode.InvalidArgument, `serve: unknown argument ${a}`, { advice: USAGE });
    port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TinyDeployError(ErrorCode.InvalidArgument, `serve: "${value}" is not a port number`, { advice: USAGE });
  }
  return port;
}

export async function serveCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) { console.log(USAGE); return 0; }
  const port = parsePort(args);
  const staticDir = path.join(ROOT, 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error('Building the UI once (dist/renderer)…');
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'vite.renderer.config.ts'), root: path.join(ROOT, 'renderer'), logLevel: 'warn' });
  }
  let server;
  try {
    server = await startBrowserServer({ staticDir, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `Port ${port} is already in use on 127.0.0.1.`, { cause: err, advice: 'Stop the other TinyDeploy, or pick another port: tinydeploy serve --port 0' });
    }
    throw err;
  }
  console.log(`TinyDeploy is running at ${server.url} — open it in your browser (Ctrl+C stops it).`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await server.close();
  return 0;
}
