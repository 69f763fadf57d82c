// Builds the hex-line firmware (test/native/firmware) around a generated model for the simulated Cortex-M4F
// (H4b's mps2-an386 target) or the ATmega328P, and the same firmware without a model as a size baseline.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelFilesFor, nativeKernelsDir, type NativeModel } from '../../core/codegen/index.js';
import { buildAvrFirmware, buildMps2Firmware, type FirmwareBuildResult, type OptimizeLevel } from '../../core/toolchain/bare-metal.js';
import { STRICT_FLAGS } from './host-build.js';

export const FIRMWARE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'native', 'firmware');
export type FirmwareKind = 'mps2' | 'avr';

/** The kernel sources the firmware compiles for `model`: codegen's selection, as sketches and the CLI copy it. */
export function firmwareKernelSources(model: NativeModel): string[] {
  return kernelFilesFor(model.source).sources;
}

/** Firmware for `model` (or, with model undefined, the baseline without one) on the given target; `defines` go to
 *  every source (e.g. TD_PORTABLE_C: the kernels' generic C on AVR). */
export async function buildModelFirmware(kind: FirmwareKind, model: NativeModel | undefined, prefix: string, optimize?: OptimizeLevel,
  defines: Record<string, string | boolean> = {}): Promise<FirmwareBuildResult> {
  const dir = mkdtempSync(path.join(tmpdir(), `td-fw-${kind}-`));
  const sources = [path.join(FIRMWARE_DIR, 'model_main.c'), path.join(FIRMWARE_DIR, kind === 'mps2' ? 'port_mps2.c' : 'port_avr.c')];
  let header = path.join(FIRMWARE_DIR, 'no_model.h');
  if (model) {
    writeFileSync(path.join(dir, model.headerFileName), model.header);
    writeFileSync(path.join(dir, model.sourceFileName), model.source);
    const P = prefix.toUpperCase();
    header = path.join(dir, 'model_adapter.h');
    writeFileSync(header, [
      `#include "${model.headerFileName}"`,
      `#define MODEL_INPUT_SIZE ${P}_INPUT_SIZE`,
      `#define MODEL_OUTPUT_SIZE ${P}_OUTPUT_SIZE`,
      `#define MODEL_INVOKE ${prefix}_invoke`,
      '',
    ].join('\n'));
    sources.push(path.join(dir, model.sourceFileName), ...firmwareKernelSources(model));
  }
  const req = {
    sources,
    includeDirs: [dir, nativeKernelsDir(), FIRMWARE_DIR],
    outElf: path.join(dir, 'firmware.elf'),
    defines: { ...defines, MODEL_HEADER: `"${header}"` },
    extraFlags: [...STRICT_FLAGS],
    ...(optimize ? { optimize } : {}),
  };
  return kind === 'mps2' ? buildMps2Firmware(req) : buildAvrFirmware(req);
}
