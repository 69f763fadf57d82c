// What a student sees when things go wrong: each error shows its message and fix, and the app keeps working.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileExists, sharedModel, tierAvailable } from '../support/tools.js';
import { chromiumCheck, launchChromium } from '../support/browser.js';
import { SCREENSHOTS, startApp, type RunningApp } from './serve.js';

const available = tierAvailable('e2e', [chromiumCheck, fileExists('shared models', sharedModel('hello_world_int8.tflite'))]);

describe.skipIf(!available)('error paths in browser mode', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
    await page.getByTestId('app-version').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    app?.stop();
  });

  it('a broken model file shows what is wrong, and the next file opens', async () => {
    await page.getByTestId('model-file').setInputFiles({ name: 'broken.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from('TFL3 but truncated garbage') });
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/broken\.tflite.*How to fix it/s);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e1-broken-model.png') });
    await page.getByTestId('example-hello_world_int8').click();
    await page.getByTestId('layer-table').waitFor();
    expect(await page.getByTestId('current-model').textContent()).toBe('hello_world_int8.tflite');
    expect(await error.count()).toBe(0);
  });

  it('a server that went away is said in words, not a blank page', async () => {
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await other.goto(app.url.replace(/token=[\w-]+/, 'token=wrong'));
    expect(await other.textContent('body')).toMatch(/launch token/);
    await other.close();
  });
});
