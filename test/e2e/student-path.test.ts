// A student's whole path in a real browser (Debian's Chromium) against browser mode at 1280×800: open the
// hello_world example, quantize, check the fit, flash the simulated Uno, watch live results and RAM, validate.
// A screenshot of every step goes to test-results/ui/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BrowserServer } from '../../core/server/http.js';
import { launchChromium } from '../support/browser.js';
import { tierAvailable } from '../support/tools.js';
import { SWEEP_POINTS } from '../../core/jobs/demo-inputs.js';
import { E2E_CHECKS, screenshot, startInProcess } from './support.js';

const available = tierAvailable('e2e', E2E_CHECKS);

/** The best correlation of one sweep's outputs with sin x over x evenly in [0, 2π], at any starting point. */
function sineFit(ys: number[]): number {
  const n = ys.length;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let best = -1;
  for (let shift = 0; shift < n; shift++) {
    const ss = ys.map((_, k) => Math.sin((2 * Math.PI * ((k + shift) % n)) / (n - 1)));
    const ms = ss.reduce((a, b) => a + b, 0) / n;
    let ab = 0; let aa = 0; let bb = 0;
    ys.forEach((y, k) => { ab += (y - my) * (ss[k]! - ms); aa += (y - my) ** 2; bb += (ss[k]! - ms) ** 2; });
    best = Math.max(best, ab / Math.sqrt(aa * bb));
  }
  return best;
}

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let ab = 0; let aa = 0; let bb = 0;
  a.forEach((v, k) => { ab += (v - ma) * (b[k]! - mb); aa += (v - ma) ** 2; bb += (b[k]! - mb) ** 2; });
  return ab / Math.sqrt(aa * bb);
}

describe.skipIf(!available)('a student in browser mode', () => {
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startInProcess();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the hello_world example and sees its layers', async () => {
    await page.getByTestId('app-version').waitFor();
    await screenshot(page, '01-start');
    await page.getByTestId('example-hello_world').click();
    await page.getByTestId('layer-table').waitFor();
    expect(await page.getByTestId('layer-table').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('total-params').textContent()).toBe('321');
    expect(await page.getByTestId('model-summary').textContent()).not.toContain('MLIR Converted');
    // The whole layer table is in view at 1280×800: its last column is not cut off.
    const table = await page.getByTestId('layer-table').boundingBox();
    const wrap = await page.getByTestId('layer-table').locator('xpath=..').boundingBox();
    expect(table!.width).toBeLessThanOrEqual(wrap!.width);
    await screenshot(page, '02-model');
  });

  it('prunes and quantizes it and reads the measured comparison', async () => {
    await page.getByTestId('to-compress').click();
    expect(await page.getByTestId('opt-quantize').isChecked()).toBe(true);
    await page.getByTestId('opt-prune').selectOption('magnitude');
    await page.getByTestId('run-compress').click();
    await page.getByTestId('progress').waitFor();
    await page.getByTestId('compress-result').waitFor({ timeout: 120_000 });
    const rows = page.getByTestId('variant-table').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toContain('pruned magnitude 0.5');
    expect(await rows.nth(2).textContent()).toContain('int8');
    // Pruning keeps the dense flash size; the zipped column shows what its zeros are worth.
    const zipped = async (k: number): Promise<number> => Number((await rows.nth(k).getByTestId('zipped').textContent())!.replace(/[^\d]*([\d,]+) B.*/s, '$1').replace(/,/g, ''));
    expect(await zipped(1)).toBeLessThan(await zipped(0));
    const words = await page.getByTestId('explanations').textContent();
    expect(words).toMatch(/Magnitude pruning set the smallest weights to zero/);
    expect(words).toMatch(/Quantization stored every weight.*Weights: 1,284 → \d+ bytes/s);
    await page.getByTestId('size-accuracy-chart').scrollIntoViewIfNeeded();
    await screenshot(page, '03-compress');
  });

  it('checks that the int8 model fits the simulated Uno', async () => {
    await page.getByTestId('to-board').click();
    await page.getByTestId('board-uno-sim').check();
    await expect.poll(() => page.getByTestId('fit-verdict').textContent(), { timeout: 20_000 }).toBe('Fits');
    expect(await page.getByTestId('fit-words').textContent()).toMatch(/Fits the Arduino Uno \(simulated\).*of 31\.5 KB/);
    // Sizes as a student reads them: 4 MB, 256 KB, not 4096.0 KB or 256.0 KB.
    const list = await page.locator('section.boards').textContent() ?? '';
    expect(list).toMatch(/4 MB flash · 4 MB RAM/);
    expect(list).toMatch(/256 KB RAM/);
    expect(list).not.toMatch(/\d\.0 [KM]B/);
    expect(await page.getByTestId('ram-budget').locator('[role=meter]').getAttribute('aria-valuemax')).toBe('2048');
    await screenshot(page, '04-board');
  });

  it('flashes the simulated Uno and sees the compiler\'s flash and RAM', async () => {
    await page.getByTestId('to-flash').click();
    await page.getByTestId('flash').click();
    await page.getByTestId('progress').waitFor();
    await screenshot(page, '05a-flashing');
    const result = page.getByTestId('deploy-result');
    await result.waitFor({ timeout: 180_000 });
    expect(await result.textContent()).toMatch(/Running on Arduino Uno \(simulated\) at \/dev\/pts\/\d+/);
    await screenshot(page, '05-flash');
  });

  it('sees live results and the board\'s RAM statistics', async () => {
    // The outputs as the page receives them, to check the demo sweep draws the learned sine.
    const outputs: number[] = [];
    const inputs: Array<number | undefined> = [];
    server.service.events.on('event', (e) => { if (e.type === 'result') { outputs.push(e.values[0] ?? NaN); inputs.push(e.x); } });
    await page.getByTestId('to-monitor').click();
    await expect.poll(async () => Number(await page.getByTestId('top-label').textContent()), { timeout: 60_000 }).not.toBeNaN();
    await expect.poll(() => page.getByTestId('ram-gauge').textContent(), { timeout: 30_000 }).toMatch(/RAM used\s*\d[\d,]* B \/ 2,048 B/);
    await expect.poll(() => page.getByTestId('latency-gauge').textContent()).toMatch(/\d+\.\d\d ms/);
    // The console redraws 5 times a second: give it that long.
    await expect.poll(() => page.getByTestId('console').textContent()).toMatch(/y:-?\d+\.\d{4} top=y us=\d+ x=-?\d+\.\d{4} #\d+/);
    expect(await page.getByTestId('board-hello').textContent()).toMatch(/model hello_world\S* on uno-sim/);
    await page.getByTestId('monitor-pause').click();
    const frozen = await page.getByTestId('top-label').textContent();
    await page.waitForTimeout(600);
    expect(await page.getByTestId('top-label').textContent()).toBe(frozen);
    await page.getByTestId('monitor-pause').click();
    // One whole sweep (64 inputs from x = 0 up to 2π) and some: the plot then shows the curve.
    await expect.poll(() => outputs.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(SWEEP_POINTS + 16);
    await page.waitForTimeout(300);
    await screenshot(page, '06-monitor');
    expect(sineFit(outputs.slice(-SWEEP_POINTS))).toBeGreaterThan(0.9);
    // A one-input model's board sends each input x: the sweep covers 0…2π, each output sits near sin(x), and the
    // plot puts outputs over their inputs.
    const xs = inputs.slice(-SWEEP_POINTS);
    expect(xs.every((x) => x !== undefined)).toBe(true);
    expect(Math.min(...(xs as number[]))).toBeLessThan(0.2);
    expect(Math.max(...(xs as number[]))).toBeGreaterThan(2 * Math.PI - 0.2);
    expect(correlation((xs as number[]).map(Math.sin), outputs.slice(-SWEEP_POINTS))).toBeGreaterThan(0.95);
    expect(await page.getByTestId('history-chart').getAttribute('data-x-axis')).toBe('input');
    expect(Number(await page.getByTestId('history-chart').getAttribute('data-x-max'))).toBeGreaterThan(2 * Math.PI - 0.2);
  });

  it('validates on the board: every output byte equals the reference', async () => {
    await page.getByTestId('step-validate').click();
    await page.getByTestId('validate').click();
    const result = page.getByTestId('validation-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.textContent()).toMatch(/The board matches the reference.*All 20 outputs are byte-for-byte equal/s);
    await screenshot(page, '07-validate');
  });

  it('never threw in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
