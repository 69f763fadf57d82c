// Debian's Chromium driven by playwright-core: the real browser the UI is tested in.
import { chromium, type Browser } from 'playwright-core';
import { onPath, type ToolCheck } from './tools.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumCheck: ToolCheck = onPath('chromium');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no network but loopback: keep Chromium from trying to reach anything else.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
