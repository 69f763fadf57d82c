// A student's path in a real browser (Debian's Chromium) against browser mode, at 1280×800, with a screenshot
// of every step under test-results/ui/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sharedModel, tierAvailable, fileExists } from '../support/tools.js';
import { chromiumCheck, launchChromium } from '../support/browser.js';
import { SCREENSHOTS, startApp, type RunningApp } from './serve.js';

const available = tierAvailable('e2e', [chromiumCheck, fileExists('shared models', sharedModel('hello_world_float.tflite'))]);

describe.skipIf(!available)('a student in browser mode', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    app?.stop();
  });

  it('opens the hello_world example and sees its layers', async () => {
    await expect.poll(() => page.getByTestId('app-version').isVisible()).toBe(true);
    await shot('01-start');
    await page.getByTestId('example-hello_world').click();
    await page.getByTestId('layer-table').waitFor();
    expect(await page.getByTestId('layer-table').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('total-params').textContent()).toBe('321');
    await shot('02-model');
  });

  it('quantizes it and reads the measured comparison', async () => {
    await page.getByTestId('to-compress').click();
    expect(await page.getByTestId('opt-quantize').isChecked()).toBe(true);
    await page.getByTestId('run-compress').click();
    await page.getByTestId('progress').waitFor();
    await page.getByTestId('compress-result').waitFor({ timeout: 120_000 });
    const rows = page.getByTestId('variant-table').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('int8');
    expect(await page.getByTestId('explanations').textContent()).toMatch(/Quantization stored every weight.*Weights: 1,284 → \d+ bytes/s);
    await page.getByTestId('size-accuracy-chart').scrollIntoViewIfNeeded();
    await shot('03-compress');
  });

  it('checks that the int8 model fits the simulated Uno', async () => {
    await page.getByTestId('to-board').click();
    await page.getByTestId('board-uno-sim').check();
    await expect.poll(() => page.getByTestId('fit-verdict').textContent(), { timeout: 20_000 }).toBe('Fits');
    expect(await page.getByTestId('fit-words').textContent()).toMatch(/Fits the Arduino Uno \(simulated\)/);
    const ram = await page.getByTestId('ram-budget').locator('[role=meter]').getAttribute('aria-valuemax');
    expect(ram).toBe('2048');
    await shot('04-board');
  });

  it('never threw in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
