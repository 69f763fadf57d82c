// Fills the {{NAME}} placeholders of templates/: every placeholder must get a value and every value must be used,
// so a renamed placeholder fails loudly instead of leaving "{{X}}" in a student's sketch.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, TinyDeployError } from '../api/index.js';

const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

/** The top-level templates/ folder of this checkout (a packaged app ships it beside core/, like native/). */
export function templatesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
}

/** native/<part> of this checkout: protocol, ram, kernels. */
export function nativeDir(part: string): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'native', part);
}

/** The text of a file the sketch needs from the checkout; a missing one means a broken install, not bad input. */
export function readShipped(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new TinyDeployError(ErrorCode.Internal, `TinyDeploy's file ${file} is missing`, {
      advice: 'Reinstall TinyDeploy (or restore templates/ and native/ in a checkout).', cause: err,
    });
  }
}

/** The placeholder names a template text holds, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Replaces every {{NAME}} in text; throws when one has no value or a value has no placeholder. */
export function fill(text: string, values: Readonly<Record<string, string | number>>, what: string): string {
  const wanted = placeholdersOf(text);
  const missing = wanted.filter((n) => !(n in values));
  const unused = Object.keys(values).filter((n) => !wanted.includes(n));
  if (missing.length > 0 || unused.length > 0) {
    throw new TinyDeployError(ErrorCode.Internal, `template ${what} does not match its values: ${[
      ...missing.map((n) => `{{${n}}} has no value`), ...unused.map((n) => `${n} is not in the template`)].join(', ')}`);
  }
  // One pass: a value that itself contains "{{X}}" (an inserted template part) is filled by its own call.
  return text.replace(PLACEHOLDER, (_, name: string) => String(values[name]));
}

/** Reads templates/<rel> and fills it. */
export function renderTemplate(rel: string, values: Readonly<Record<string, string | number>>): string {
  return fill(readShipped(path.join(templatesDir(), rel)), values, rel);
}
