// The protocol firmware for the simulated Cortex-M4F: generated model + native/protocol + the mps2-an386 target,
// built bare metal with arm-none-eabi-gcc (that board has no Arduino core).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SIMULATED_M4F_ID } from '../boards/index.js';
import { generateNativeModel, kernelFilesFor, nativeKernelsDir, type NativeModel } from '../codegen/index.js';
import type { Graph } from '../model/index.js';
import { buildMps2Firmware, MPS2_TARGET_DIR, type FirmwareBuildResult } from '../toolchain/bare-metal.js';
import { renderModelConfig } from './model-config.js';
import { shippedDir } from '../resources.js';

/** native/protocol (the packaged app's copy when packaged): td_protocol.h and .c. */
export const PROTOCOL_DIR = shippedDir('native', 'protocol');
const M4F_RAM_BYTES = 4_194_304;

export interface Mps2FirmwareRequest {
  readonly graph: Graph;
  readonly modelName: string;
  readonly hash: string;
  readonly labels?: readonly string[];
  readonly periodMs: number;
  readonly demoInputs: readonly Int8Array[];
  /** Folder for the generated files and the ELF. */
  readonly outDir: string;
  readonly signal?: AbortSignal;
}

export interface Mps2Firmware extends FirmwareBuildResult {
  readonly model: NativeModel;
}

export async function buildMps2ProtocolFirmware(req: Mps2FirmwareRequest): Promise<Mps2Firmware> {
  const prefix = 'tdm';
  const model = generateNativeModel(req.graph, { prefix, ...(req.labels ? { labels: req.labels } : {}) });
  await mkdir(req.outDir, { recursive: true });
  await writeFile(path.join(req.outDir, model.headerFileName), model.header);
  await writeFile(path.join(req.outDir, model.sourceFileName), model.source);
  await writeFile(path.join(req.outDir, 'td_model_config.h'), renderModelConfig({
    graph: req.graph, prefix, activationBytes: model.plan.arenaBytes, board: SIMULATED_M4F_ID, modelName: req.modelName,
    hash: req.hash, ...(req.labels ? { labels: req.labels } : {}), periodMs: req.periodMs, ramTotal: M4F_RAM_BYTES, demoInputs: req.demoInputs,
  }));
  const built = await buildMps2Firmware({
    sources: [path.join(MPS2_TARGET_DIR, 'td_board_main.c'), path.join(PROTOCOL_DIR, 'td_protocol.c'),
      path.join(req.outDir, model.sourceFileName), ...kernelFilesFor(model.source).sources],
    includeDirs: [req.outDir, PROTOCOL_DIR, nativeKernelsDir()],
    outElf: path.join(req.outDir, 'firmware.elf'),
    extraFlags: ['-std=c99', '-Wall', '-Wextra', '-Werror'],
    ...(req.signal ? { signal: req.signal } : {}),
  });
  return { ...built, model };
}
