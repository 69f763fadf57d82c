// The backend part of a sketch: the .ino section from templates/backend/, the model files, and the figures the
// README shows. Native: the network as C over native/kernels. TFLM: the .tflite run by the TFLM Arduino library.
import type { BoardSpec } from '../boards/index.js';
import { generateNativeModel, type MemoryReport, type RequantLayoutChoice } from '../codegen/index.js';
import { tensorParams, type Graph } from '../model/index.js';
import { byteRows, cFloat } from './c-data.js';
import { kernelHeader, nativeModelFiles, type ShippedFile } from './native-files.js';
import type { RenderSketchOptions } from './options.js';
import { renderTemplate } from './template.js';
import { checkTflmTarget, resolverCalls, tflmArenaSize } from './tflm.js';
import { TFLM_LIBRARY, type PinnedLibrary } from './versions.js';

export interface BackendPart {
  /** The .ino section (td_model_begin, td_model_run, td_input, td_output, TD_* macros). */
  readonly text: string;
  readonly title: string;
  /** The header the .ino includes for the model. */
  readonly modelHeader: string;
  readonly files: ShippedFile[];
  readonly libraries: PinnedLibrary[];
  /** RAM the model needs: the planned activation buffer, or the TFLM arena. */
  readonly ramBytes: number;
  readonly memoryRows: Array<[string, number]>;
  readonly memory?: MemoryReport;
}

export interface BackendContext {
  readonly graph: Graph;
  readonly board: BoardSpec;
  readonly prefix: string;
  readonly name: string;
  readonly hash: string;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly requantLayout?: RequantLayoutChoice;
}

export function nativeBackend(ctx: BackendContext): BackendPart {
  const model = generateNativeModel(ctx.graph, { prefix: ctx.prefix, ...(ctx.requantLayout ? { requantLayout: ctx.requantLayout } : {}) });
  const r = model.report;
  return {
    text: renderTemplate('backend/native.ino', { MODEL_SOURCE: model.sourceFileName, PREFIX: ctx.prefix, PREFIX_UPPER: ctx.prefix.toUpperCase() }),
    title: 'native C backend (TinyDeploy kernels)',
    modelHeader: model.headerFileName,
    files: nativeModelFiles(model),
    libraries: [],
    ramBytes: r.activationBytes,
    memoryRows: [
      ['activation buffer (RAM)', r.activationBytes],
      ['weights (flash)', r.weightBytes],
      ['requantization constants (flash)', r.constantBytes],
      ...(ctx.board.arch === 'avr' && r.avrExtraRamBytes > 0 ? [['element-wise constants (RAM on AVR)', r.avrExtraRamBytes] as [string, number]] : []),
    ],
    memory: r,
  };
}

export function tflmBackend(ctx: BackendContext, opts: RenderSketchOptions): BackendPart {
  const { graph, board, prefix } = ctx;
  checkTflmTarget(graph, board, opts.tflite);
  const tflite = opts.tflite!;
  const arena = tflmArenaSize(opts.tflmArena, opts.tflmArenaMargin ?? 0.2, board);
  const calls = resolverCalls(graph);
  const inQ = tensorParams(graph.tensors[graph.inputs[0]!]!.quant, 'graph input');
  const outQ = tensorParams(graph.tensors[graph.outputs[0]!]!.quant, 'graph output');
  const header = `${prefix}_tflite.h`;
  const source = `${prefix}_tflite.c`;
  const common = { PREFIX: prefix, PREFIX_UPPER: prefix.toUpperCase(), MODEL_NAME: ctx.name, MODEL_HASH: ctx.hash, TFLITE_HEADER: header };
  return {
    text: renderTemplate('backend/tflm.ino', {
      MODEL_SOURCE: source, TFLM_LIBRARY: TFLM_LIBRARY.name, TFLM_VERSION: TFLM_LIBRARY.version, TFLM_HEADER: TFLM_LIBRARY.header,
      IN_SIZE: ctx.inputSize, OUT_SIZE: ctx.outputSize, IN_SCALE: cFloat(inQ.scale), IN_ZERO_POINT: inQ.zeroPoint,
      OUT_SCALE: cFloat(outQ.scale), OUT_ZERO_POINT: outQ.zeroPoint, ARENA_BASIS: arena.basis, ARENA_BYTES: arena.bytes,
      OP_COUNT: calls.length, OP_REGISTRATIONS: calls.map((c) => `  td_resolver.${c};`).join('\n'), PREFIX: prefix,
    }),
    title: `TensorFlow Lite Micro backend (${TFLM_LIBRARY.name} ${TFLM_LIBRARY.version})`,
    modelHeader: header,
    files: [
      { name: header, text: renderTemplate('model/tflite.h', { ...common, TFLITE_SIZE: tflite.length }) },
      { name: source, text: renderTemplate('model/tflite.c', { ...common, TFLITE_SOURCE: source, TFLITE_DATA: byteRows(tflite, false) }) },
      // The demo vectors are plain C over td_fixedpoint.h's flash macros.
      kernelHeader('td_fixedpoint.h'),
    ],
    libraries: [TFLM_LIBRARY],
    ramBytes: arena.bytes,
    memoryRows: [['TFLM arena (RAM)', arena.bytes], ['.tflite model (flash)', tflite.length]],
  };
}
