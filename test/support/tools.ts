// Tier gating: a tier whose tools are missing skips with a one-line reason, or fails when
// TINYDEPLOY_REQUIRE_TOOLS=1 (CI installs everything first, so a skip there would hide a broken set-up).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_MODELS = path.resolve(REPO_ROOT, '..', 'shared', 'models');
/** Where scripts/setup.sh puts the tools it builds (arduino-cli, the Python venv, the simulators). */
export const TOOLS_DIR = process.env.TINYDEPLOY_TOOLS_DIR ?? path.join(REPO_ROOT, '.tools');

export interface ToolCheck {
  /** What is missing, in words a developer can act on. */
  readonly name: string;
  readonly present: () => boolean;
}

export function onPath(cmd: string): ToolCheck {
  return { name: cmd, present: () => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0 };
}

export function fileExists(name: string, file: string): ToolCheck {
  return { name, present: () => existsSync(file) };
}

/** Returns true when the tier can run; logs a one-line reason and returns false when it must skip. */
export function tierAvailable(tier: string, checks: readonly ToolCheck[]): boolean {
  const missing = checks.filter((c) => !c.present()).map((c) => c.name);
  if (missing.length === 0) return true;
  const reason = `tier ${tier}: missing ${missing.join(', ')} — run scripts/setup.sh`;
  if (process.env.TINYDEPLOY_REQUIRE_TOOLS === '1') {
    throw new Error(`${reason} (TINYDEPLOY_REQUIRE_TOOLS=1 forbids skipping)`);
  }
  console.warn(`skipped ${reason}`);
  return false;
}

export function sharedModel(file: string): string {
  return path.join(SHARED_MODELS, file);
}
