// `npm start` without an Electron binary: one line saying so, then the renderer served in browser mode.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { REPO_ROOT, tierAvailable } from '../support/tools.js';
import { chromiumCheck, launchChromium } from '../support/browser.js';

const available = tierAvailable('e2e', [chromiumCheck]);
const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe.skipIf(!available)('npm start in browser mode', () => {
  let app: ChildProcess;
  let output = '';
  let url = '';
  let browser: Browser;

  beforeAll(async () => {
    app = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.js'), '--port=0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      app.stdout?.on('data', onData);
      app.stderr?.on('data', onData);
      app.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    app?.kill('SIGTERM');
  });

  it('says in one line that Electron is missing and serves on 127.0.0.1', () => {
    expect(output).toMatch(/Electron.*browser mode/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('shows the app name and version in a real browser', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(`version ${version}`);
    expect(await page.getByTestId('app-name').textContent()).toBe('TinyDeploy');
    expect(errors).toEqual([]);
  });
});
