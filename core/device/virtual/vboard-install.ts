// Where scripts/setup-vboard.sh put the simulated Uno: the simavr harness and the rebuilt optiboot.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, TinyDeployError } from '../../api/index.js';

export interface VboardInstall {
  readonly harness: string;
  readonly bootloader: string;
}

/** $TINYDEPLOY_VBOARD_DIR, else $TINYDEPLOY_TOOLS_DIR/vboard, else .tools/vboard of this checkout. */
export function vboardDir(): string {
  if (process.env.TINYDEPLOY_VBOARD_DIR) return process.env.TINYDEPLOY_VBOARD_DIR;
  const tools = process.env.TINYDEPLOY_TOOLS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '.tools');
  return path.join(tools, 'vboard');
}

/** The installed harness and bootloader, or ToolMissing with the set-up command. */
export function findVboardInstall(dir = vboardDir()): VboardInstall {
  const harness = path.join(dir, 'tinydeploy-vboard');
  const bootloader = path.join(dir, 'optiboot_atmega328.hex');
  const missing = [harness, bootloader].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new TinyDeployError(ErrorCode.ToolMissing, `The simulated Uno is not built (${missing.map((f) => path.basename(f)).join(', ')} missing in ${dir})`, {
      advice: 'Run scripts/setup-vboard.sh (it needs the Debian packages simavr, libsimavr-dev, gcc-avr, arduino-core-avr).',
    });
  }
  return { harness, bootloader };
}
