// Shared by the e2e tests: the tools gate (Chromium, the shared models, arduino-cli and the simulated Uno),
// the app in-process (so a test can unplug its simulated board) and screenshots under test-results/ui/.
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { vboardDir } from '../../core/device/virtual/index.js';
import { startBrowserServer, type BrowserServer } from '../../core/server/http.js';
import { ARDUINO_TOOL_CHECKS } from '../support/arduino.js';
import { chromiumCheck } from '../support/browser.js';
import { fileExists, REPO_ROOT, sharedModel, type ToolCheck } from '../support/tools.js';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'ui');

export const E2E_CHECKS: readonly ToolCheck[] = [
  chromiumCheck,
  fileExists('shared models', sharedModel('hello_world_float.tflite')),
  ...ARDUINO_TOOL_CHECKS,
  fileExists('the simavr harness (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard')),
];

/** Builds the renderer into its own temp folder (tests run in parallel; dist/ belongs to npm run build). */
export async function buildRenderer(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'td-e2e-renderer-'));
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO_ROOT, 'vite.renderer.config.ts'), root: path.join(REPO_ROOT, 'renderer'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export async function startInProcess(): Promise<BrowserServer> {
  return startBrowserServer({ staticDir: await buildRenderer(), port: 0 });
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
