// `npm start`: the Electron app where its binary is installed, else the same UI in browser mode on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // electron's index.js throws when its binary was never downloaded
    const bin = require('electron');
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function build(args) {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

build(['--config', 'vite.renderer.config.ts']);
const bin = electronBinary();
if (bin) {
  build(['--config', 'vite.electron.config.ts']);
  spawn(bin, [root], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron is not installed here (no binary); serving the TinyDeploy UI in browser mode instead.');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'core/server/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  // Stopping `npm start` stops the server too, so no orphan keeps the port.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
