// Does the model fit the board? Checked before anything is compiled, from the native backend's memory plan,
// with the numbers and what to try when it does not.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { BOARDS, type BoardSpec, type CpuArch } from '../boards/index.js';
import { generateNativeModel } from '../codegen/index.js';
import type { Graph } from '../model/index.js';

/** What the sketch itself takes besides the model: core, serial buffers, protocol, a stack reserve (conservative). */
const SKETCH_RAM: Record<CpuArch, number> = { avr: 700, 'cortex-m0plus': 24_576, 'cortex-m4f': 49_152, 'cortex-m7f': 65_536, 'xtensa-lx7': 65_536 };
const SKETCH_FLASH: Record<CpuArch, number> = { avr: 9_000, 'cortex-m0plus': 90_000, 'cortex-m4f': 150_000, 'cortex-m7f': 200_000, 'xtensa-lx7': 300_000 };
/** The bare-metal simulated M4F has no Arduino core: only the protocol, the kernels and a stack. */
const BARE_METAL_RAM = 8_192;
const BARE_METAL_FLASH = 32_768;

export interface FitReport {
  readonly fits: boolean;
  readonly ramNeeded: number;
  readonly ramAvailable: number;
  readonly flashNeeded: number;
  readonly flashAvailable: number;
  readonly activationBytes: number;
  readonly weightBytes: number;
}

export function fitReport(graph: Graph, board: BoardSpec): FitReport {
  const model = generateNativeModel(graph, { prefix: 'fit' });
  const bare = board.fqbn === null;
  const activationBytes = model.plan.arenaBytes;
  const weightBytes = model.report.weightBytes;
  const ramNeeded = activationBytes + (bare ? BARE_METAL_RAM : SKETCH_RAM[board.arch]);
  const flashNeeded = weightBytes + (bare ? BARE_METAL_FLASH : SKETCH_FLASH[board.arch]);
  const ramAvailable = board.ramBytes + board.extraRamBytes;
  return { fits: ramNeeded <= ramAvailable && flashNeeded <= board.flashBytes, ramNeeded, ramAvailable, flashNeeded, flashAvailable: board.flashBytes, activationBytes, weightBytes };
}

/** The fit report, or a TinyDeployError with the numbers and what to try when the model does not fit. */
export function checkFits(graph: Graph, board: BoardSpec): FitReport {
  const r = fitReport(graph, board);
  if (r.fits) return r;
  const bigger = BOARDS.filter((b) => !b.simulated && b.fqbn && b.ramBytes + b.extraRamBytes >= r.activationBytes + SKETCH_RAM[b.arch]
    && b.flashBytes >= r.weightBytes + SKETCH_FLASH[b.arch]).slice(0, 3).map((b) => b.id);
  const what = r.ramNeeded > r.ramAvailable
    ? `needs about ${r.ramNeeded} B of RAM (activations ${r.activationBytes} B + the sketch) but the ${board.name} has ${r.ramAvailable} B`
    : `needs about ${r.flashNeeded} B of flash (weights ${r.weightBytes} B + the sketch) but the ${board.name} has ${r.flashAvailable} B`;
  throw new TinyDeployError(ErrorCode.ModelTooLarge, `The model does not fit: it ${what}`, {
    advice: `Shrink it (tinydeploy compress --prune structured:0.5 or --distill width:0.5)${bigger.length ? `, or pick a bigger board: ${bigger.join(', ')}` : ''}.`,
  });
}
