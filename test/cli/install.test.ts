// The README's first command on a machine that reaches the npm registry but not Electron's download host:
// `npm install` must succeed in a fresh clone and `npm start` must fall back to browser mode with one clear line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, onPath, tierAvailable, type ToolCheck } from '../support/tools.js';

const checkout: ToolCheck = {
  name: 'a git checkout of the repository',
  present: () => spawnSync('git', ['-C', REPO_ROOT, 'rev-parse', 'HEAD'], { stdio: 'ignore' }).status === 0,
};
const registry: ToolCheck = {
  name: 'the npm registry (npm ping)',
  present: () => spawnSync('npm', ['ping', '--fetch-timeout=10000', '--fetch-retries=0'], { stdio: 'ignore', timeout: 30_000 }).status === 0,
};

/** The environment of a machine whose only way to Electron's binary fails at once (nothing listens on port 9). */
function offlineElectronEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  return {
    ...env,
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: cache,
    // CI's npm cache is warm after `npm ci`; the command stays the README's own.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const work = mkdtempSync(path.join(tmpdir(), 'td-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(tierAvailable('install', [onPath('git'), checkout, registry]))('npm install && npm start without Electron\'s download host', () => {
  it('installs a fresh clone, drops Electron with no error, and npm start serves browser mode with one line saying why', async () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('    npm install && npm start\n');
    const clone = path.join(work, 'clone');
    expect(run('git', ['clone', '-q', REPO_ROOT, clone], work, process.env).status).toBe(0);
    const env = offlineElectronEnv(path.join(work, 'electron-cache'));

    const install = run('npm', ['install'], clone, env);
    expect(install.out).not.toMatch(/npm error/);
    expect(install.status).toBe(0);
    // electron's install script ran and failed (the real case), so npm dropped the optional package.
    expect(existsSync(path.join(clone, 'node_modules', 'electron'))).toBe(false);
    expect(existsSync(path.join(clone, 'node_modules', 'vite'))).toBe(true);

    const mode = run(process.execPath, ['scripts/start.js', '--print-mode'], clone, env);
    expect(mode.status).toBe(0);
    expect(mode.out.trim()).toMatch(/^browser: Electron is not installed \(its download failed during npm install.*browser mode instead\.$/);

    // `npm start` itself: builds the renderer, prints the fallback line once, then the server's address.
    const start = spawn('npm', ['start', '--', '--port=0'], { cwd: clone, env, detached: true });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no address:\n${out}`)), 240_000);
      const onData = (d: Buffer): void => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\S*/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[0]); }
      };
      start.stdout.on('data', onData);
      start.stderr.on('data', onData);
      start.on('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited ${code}:\n${out}`)); });
    });
    try {
      expect(out.match(/browser mode instead\./g)).toHaveLength(1);
      const res = await fetch(url);
      expect(res.status).toBeLessThan(500);
    } finally {
      start.removeAllListeners('exit');
      if (start.pid) process.kill(-start.pid, 'SIGTERM');
    }
  }, 900_000);
});

describe('Forge packaging with electron as an optionalDependency', () => {
  it('Forge still finds Electron\'s exact version through forge.config.ts, with or without node_modules/electron', async () => {
    const { default: config } = await import('../../forge.config.js');
    const { getElectronVersion } = await import('@electron-forge/core-utils');
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg.devDependencies?.electron).toBeUndefined();
    expect(pkg.optionalDependencies?.electron).toMatch(/^\d+\.\d+\.\d+$/);
    const hook = config.hooks?.readPackageJson;
    expect(hook).toBeDefined();
    const mutated = (await hook!({} as never, structuredClone(pkg))) as Record<string, unknown>;
    // An empty folder: no node_modules, so the version must come from package.json alone.
    expect(await getElectronVersion(mkdtempSync(path.join(work, 'forge-')), mutated)).toBe(pkg.optionalDependencies!.electron);
  });
});
