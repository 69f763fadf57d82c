// The Board step's fit check: the model's flash and RAM against a board's budget, from the native backend's plan.
import { ErrorCode, TinyDeployError, type FitDto } from '../api/index.js';
import type { BoardSpec } from '../boards/index.js';
import { generateNativeModel } from '../codegen/index.js';
import { layerByLayerBytes } from '../compress/memory-bound.js';
import { layerStats } from '../model/index.js';
import type { StoredModel } from './model-store.js';

/** Above this share of a budget the sketch's own code, stack and serial buffers may not fit next to the model. */
const TIGHT = 0.75;

/** As the renderer writes sizes (31.5 KB, 4 MB), so the words and the bars agree. */
const kb = (b: number): string => (b < 10_240 ? `${b.toLocaleString('en-US')} bytes`
  : b < 1024 * 1024 ? `${(b / 1024).toFixed(1).replace(/\.0$/, '')} KB` : `${(b / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`);

function figures(m: StoredModel, board: BoardSpec): { flash: number; ram: number; method: string } {
  const int8 = m.graph.tensors.some((t) => t.dtype === 'int8' && !t.data);
  if (!int8) {
    return { flash: layerStats(m.graph).totals.weightBytes, ram: layerByLayerBytes(m.graph),
      method: 'float32 estimate (weights as stored, activations layer by layer); quantize to get the native backend\'s plan' };
  }
  try {
    const r = generateNativeModel(m.graph, { prefix: 'model' }).report;
    // AVR reads plain constant operands from RAM (no flash pointers for them), so they count against RAM there.
    const avr = board.arch === 'avr' ? r.avrExtraRamBytes : 0;
    return { flash: r.weightBytes + r.constantBytes, ram: r.ramBytes + avr, method: 'the native backend\'s static memory plan (weights + constants in flash, one activation buffer in RAM)' };
  } catch (err) {
    if (err instanceof TinyDeployError) throw err;
    throw new TinyDeployError(ErrorCode.CodegenUnsupported, `${m.name} cannot be planned for the native backend: ${(err as Error).message}`, { cause: err });
  }
}

export function checkFit(m: StoredModel, board: BoardSpec): FitDto {
  const f = figures(m, board);
  const flashShare = f.flash / board.flashBytes;
  const ramShare = f.ram / board.ramBytes;
  const float = f.method.startsWith('float');
  let verdict: FitDto['verdict'] = flashShare > 1 || ramShare > 1 ? 'too-big' : flashShare > TIGHT || ramShare > TIGHT ? 'tight' : 'fits';
  if (float && verdict === 'fits') verdict = 'tight';
  const worst = ramShare >= flashShare ? `RAM: ${kb(f.ram)} of ${kb(board.ramBytes)}` : `flash: ${kb(f.flash)} of ${kb(board.flashBytes)}`;
  const words = verdict === 'too-big'
    ? `Too big for the ${board.name} (${worst}). Compress the model more (prune, distil, quantize) or pick a board with more memory.`
    : verdict === 'tight'
      ? float ? `A float model: quantize it to int8 in Compress before flashing (the native backend runs int8). Estimated ${worst}.`
        : `Fits the ${board.name}, but tightly (${worst}): the sketch's own code and stack need room too.`
      : `Fits the ${board.name} with room to spare: model flash ${kb(f.flash)} of ${kb(board.flashBytes)}, RAM ${kb(f.ram)} of ${kb(board.ramBytes)}.`;
  return { boardId: board.id, modelId: m.id, flash: { used: f.flash, max: board.flashBytes }, ram: { used: f.ram, max: board.ramBytes }, verdict, words, method: f.method };
}
