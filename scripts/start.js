// `npm start`: the Electron app where its binary is installed, else the same UI in browser mode on 127.0.0.1.
// `node scripts/start.js --print-mode` only prints which of the two `npm start` would open, and why.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary, or the one-line reason browser mode is used instead. */
function electronStatus() {
  try {
    require.resolve('electron/package.json');
  } catch {
    // electron is an optionalDependency: npm drops it when its binary download fails (no network to GitHub)
    return { reason: 'Electron is not installed (its download failed during npm install; run npm install again with network to get the desktop app)' };
  }
  try {
    // electron's index.js throws when its binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1)
    const bin = require('electron');
    if (typeof bin === 'string' && existsSync(bin)) return { bin };
  } catch { /* reported below */ }
  return { reason: 'Electron\'s binary is not downloaded (run node node_modules/electron/install.js with network to get the desktop app)' };
}

function build(args) {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const status = electronStatus();
const fallback = `${status.reason}; serving the TinyDeploy UI in browser mode instead.`;
if (process.argv.includes('--print-mode')) {
  console.log(status.bin ? `electron ${status.bin}` : `browser: ${fallback}`);
  process.exit(0);
}

build(['--config', 'vite.renderer.config.ts']);
if (status.bin) {
  build(['--config', 'vite.electron.config.ts']);
  spawn(status.bin, [root], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(fallback);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'core/server/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  // Stopping `npm start` stops the server too, so no orphan keeps the port.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
