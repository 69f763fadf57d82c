import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { AppInfoDto } from './api/app.js';

export type AppInfo = AppInfoDto;

/** Name and version from package.json, read once; the app shows them in its title bar. */
export function appInfo(): AppInfo {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '..', 'package.json'), path.join(here, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; productName?: string; version?: string };
      if (pkg.name === 'tinydeploy') return { name: pkg.productName ?? 'TinyDeploy', version: pkg.version ?? '0.0.0' };
    } catch {
      // try the next candidate: the layout differs between the source tree and a packaged app
    }
  }
  return { name: 'TinyDeploy', version: '0.0.0' };
}
