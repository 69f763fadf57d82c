// Where the files TinyDeploy ships beside its code live: this checkout in development, Electron's
// process.resourcesPath in a packaged app (forge.config.ts copies templates/, native/ and examples/ there).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ShippedFolder = 'templates' | 'native' | 'examples';

/** The checkout's root, from this file's place in it (core/resources.ts). */
const CHECKOUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** templates/, native/ or examples/: the packaged app's copy when there is one, else the checkout's. */
export function shippedDir(folder: ShippedFolder, ...rest: string[]): string {
  // Set by Electron only; a bundled core's import.meta.url no longer points into a checkout.
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(path.join(packaged, folder))) return path.join(packaged, folder, ...rest);
  return path.join(CHECKOUT, folder, ...rest);
}
