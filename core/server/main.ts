// Entry point of browser mode (`npm start` without Electron, `tinydeploy serve`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserServer } from './http.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const portArg = process.argv.find((a) => a.startsWith('--port='));
const server = await startBrowserServer({
  staticDir: path.join(root, 'dist', 'renderer'),
  port: portArg ? Number(portArg.slice('--port='.length)) : 5173,
});
console.log(`TinyDeploy is running at ${server.url} — open it in your browser (Ctrl+C stops it).`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void server.close().then(() => process.exit(0)); });
