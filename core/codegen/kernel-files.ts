// Where the C kernels the generated model needs live, so sketches, tests and benchmarks copy or compile them.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** native/kernels of this checkout (also inside a packaged app, which ships the folder beside core/). */
export function nativeKernelsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'native', 'kernels');
}

/** Every kernel source (.c) and header (.h), absolute paths. */
export function nativeKernelFiles(): { sources: string[]; headers: string[] } {
  const dir = nativeKernelsDir();
  const files = readdirSync(dir).sort();
  return {
    sources: files.filter((f) => f.endsWith('.c')).map((f) => path.join(dir, f)),
    headers: files.filter((f) => f.endsWith('.h')).map((f) => path.join(dir, f)),
  };
}
