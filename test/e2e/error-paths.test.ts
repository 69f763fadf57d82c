// What a student sees when things go wrong: a broken model file, the board unplugged mid-monitor, a missing core.
// Each shows its message and its fix, and the app keeps working afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BrowserServer } from '../../core/server/http.js';
import { launchChromium } from '../support/browser.js';
import { tierAvailable } from '../support/tools.js';
import { E2E_CHECKS, screenshot, startInProcess } from './support.js';

const available = tierAvailable('e2e', E2E_CHECKS);

describe.skipIf(!available)('error paths in browser mode', () => {
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startInProcess();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.getByTestId('app-version').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a broken model file shows what is wrong, and the next model opens', async () => {
    await page.getByTestId('model-file').setInputFiles({ name: 'broken.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from('TFL3 but truncated garbage') });
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/broken\.tflite.*How to fix it/s);
    await screenshot(page, 'e1-broken-model');
    await page.getByTestId('example-hello_world_int8').click();
    await page.getByTestId('layer-table').waitFor();
    expect(await page.getByTestId('current-model').textContent()).toBe('hello_world_int8.tflite');
    expect(await error.count()).toBe(0);
  });

  it('the board unplugged mid-monitor is said in words; Stop works and the app goes on', async () => {
    await page.getByTestId('step-board').click();
    await page.getByTestId('board-uno-sim').check();
    await page.getByTestId('step-flash').click();
    await page.getByTestId('flash').click();
    await page.getByTestId('deploy-result').waitFor({ timeout: 180_000 });
    await page.getByTestId('to-monitor').click();
    await expect.poll(async () => Number(await page.getByTestId('top-label').textContent()), { timeout: 60_000 }).not.toBeNaN();
    // Unplug: the simulated board's process ends, its port disappears, as a USB cable pulled out.
    await server.service.simulatedBoard!.stop();
    const gone = page.getByTestId('board-gone');
    await gone.waitFor({ timeout: 20_000 });
    expect(await gone.textContent()).toMatch(/went away|closed|gone|unplugged/i);
    // What came before the unplug stays on screen: the console shows the last lines, not "Nothing received yet."
    await expect.poll(() => page.getByTestId('console').textContent(), { timeout: 5000 }).toMatch(/top=y us=\d+ x=-?\d+\.\d{4} #\d+/);
    await screenshot(page, 'e2-unplugged');
    await page.getByTestId('monitor-stop').click();
    await expect.poll(() => gone.count()).toBe(0);
    await page.getByTestId('step-model').click();
    await page.getByTestId('example-magic_wand').click();
    await page.getByTestId('layer-table').waitFor();
    expect(await page.getByTestId('current-model').textContent()).toBe('magic_wand_int8.tflite');
  });

  it('a missing board core names the command that installs it', async () => {
    await page.getByTestId('step-board').click();
    await page.getByTestId('board-nano33ble-sense-rev1').check();
    await expect.poll(() => page.getByTestId('core-status').textContent(), { timeout: 30_000 }).toMatch(/arduino:mbed_nano.*not installed/);
    await expect.poll(() => page.getByTestId('fit-verdict').textContent(), { timeout: 20_000 }).toBe('Fits');
    await page.getByTestId('to-flash').click();
    await page.getByLabel('Serial port').fill('/dev/ttyACM0');
    await page.getByTestId('flash').click();
    const error = page.getByTestId('error');
    await error.waitFor({ timeout: 120_000 });
    expect(await error.textContent()).toMatch(/arduino:mbed_nano.*not installed.*arduino-cli core install arduino:mbed_nano/s);
    await screenshot(page, 'e3-missing-core');
    await page.getByTestId('step-board').click();
    await page.getByTestId('board-uno-sim').check();
    await expect.poll(() => page.getByTestId('fit-verdict').textContent(), { timeout: 20_000 }).toBe('Too big');
    expect(await page.getByTestId('fit-words').textContent()).toMatch(/Too big for the Arduino Uno \(simulated\) \(RAM/);
  });

  it('a page without the launch token is refused in words', async () => {
    const other = await browser.newPage();
    await other.goto(server.url.replace(/token=[\w-]+/, 'token=wrong'));
    expect(await other.textContent('body')).toMatch(/launch token/);
    await other.close();
  });
});
