// Before `npm test`: electron/ is type-checked against Electron's own .d.ts. Where npm dropped the optional
// electron package (its install script could not download the binary), put the package back without running that
// script: the type definitions arrive, the binary does not, and `npm start` still chooses browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(path.join(root, 'node_modules', 'electron', 'electron.d.ts'))) process.exit(0);

const pinned = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).optionalDependencies.electron;
console.log(`Electron's package is not installed (npm drops it when its binary download fails); adding electron@${pinned} without its download script, for its type definitions.`);
const r = spawnSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `electron@${pinned}`], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`error: could not install electron@${pinned}'s type definitions (npm exited ${r.status}).\n  Run: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install`);
  process.exit(2);
}
