// renderSketch: model + board + input source + backend → every file of a complete Arduino sketch folder.
import type { BoardSpec } from '../boards/index.js';
import { generateNativeModel, type MemoryReport } from '../codegen/index.js';
import { elementCount, tensorParams, type Graph } from '../model/index.js';
import { byteRows } from './c-data.js';
import { checkDemoVectors } from './demo.js';
import { modelHash } from './hash.js';
import { kernelFilesFor, protocolFiles, ramFiles, type ShippedFile } from './native-files.js';
import {
  checkBaud, checkLabels, checkPeriod, checkPrefix, checkSketchName, invalid, type RenderSketchOptions, type SketchBackend,
  type SketchSource,
} from './options.js';
import { pinnedCore, profileId, renderProfile, type PinnedCore } from './profile.js';
import { renderReadme } from './readme.js';
import { sourcePart } from './sources.js';
import { renderTemplate } from './template.js';
import { checkTflmTarget, resolverCalls, tflmArenaSize } from './tflm.js';
import { TFLM_LIBRARY, type PinnedLibrary } from './versions.js';

export interface RenderedSketch {
  /** The sketch (and folder) name: files go to <name>/<path>. */
  readonly name: string;
  /** Path inside the sketch folder → contents. */
  readonly files: Map<string, string>;
  readonly hash: string;
  readonly prefix: string;
  readonly board: BoardSpec;
  readonly source: SketchSource;
  readonly backend: SketchBackend;
  readonly core: PinnedCore;
  /** The sketch.yaml profile to build with (`arduino-cli compile --profile <id>`). */
  readonly profile: string;
  readonly libraries: readonly PinnedLibrary[];
  /** RAM the model itself needs: the native activation buffer, or the TFLM arena. */
  readonly modelRamBytes: number;
  /** The native backend's memory report (absent for TFLM). */
  readonly memory?: MemoryReport;
  readonly inputSize: number;
  readonly outputSize: number;
}

interface IoFacts { size: number; dims: number[] }

/** One tensor's dims, or [total] when the model takes several tensors concatenated. */
function ioFacts(graph: Graph, list: readonly number[]): IoFacts {
  const shapes = list.map((t) => graph.tensors[t]!.shape);
  const size = shapes.reduce((s, sh) => s + elementCount(sh), 0);
  return { size, dims: shapes.length === 1 ? [...shapes[0]!] : [size] };
}

/** The demo vectors as C (flash on AVR through td_fixedpoint.h's TD_FLASH). */
export function demoFiles(prefix: string, demo: readonly ArrayLike<number>[], inputSize: number): { header: ShippedFile; source: ShippedFile } {
  const header = `${prefix}_demo.h`;
  const source = `${prefix}_demo.c`;
  const values = { DEMO_HEADER: header, PREFIX: prefix, PREFIX_UPPER: prefix.toUpperCase() };
  return {
    header: { name: header, text: renderTemplate('model/demo.h', { ...values, DEMO_COUNT: demo.length, DEMO_SIZE: `${inputSize}u` }) },
    source: { name: source, text: renderTemplate('model/demo.c', {
      ...values, DEMO_SOURCE: source, DEMO_ORIGIN: `${demo.length} vector(s) of ${inputSize} int8 values, kept in flash.`,
      DEMO_DATA: demo.map((v, k) => `  /* vector ${k} */\n${byteRows(v, true)}`).join('\n'),
    }) },
  };
}

export function renderSketch(opts: RenderSketchOptions): RenderedSketch {
  const { model: graph, board } = opts;
  const source = opts.source ?? 'serial';
  const backend = opts.backend ?? 'native';
  if (backend !== 'native' && backend !== 'tflm') throw invalid(`unknown backend "${String(backend)}"`, 'Use native (default) or tflm.');
  const hash = modelHash(opts.tflite, opts.hash);
  const name = checkSketchName(opts.name ?? `TinyDeploy_${hash}`);
  const prefix = checkPrefix(opts.prefix ?? 'model');
  const P = prefix.toUpperCase();
  const periodMs = checkPeriod(opts.periodMs ?? 200);
  const baud = checkBaud(opts.baud ?? 115200);
  const core = pinnedCore(board);
  const input = ioFacts(graph, graph.inputs);
  const output = ioFacts(graph, graph.outputs);
  const labels = checkLabels(opts.labels, output.size);
  const demo = checkDemoVectors(opts.demoVectors, input.size);
  const demoC = demoFiles(prefix, demo, input.size);

  const part = sourcePart(source, {
    board, inputSize: input.size, prefix, demoCount: demo.length, demoSourceFile: demoC.source.name,
    analogPin: opts.analogPin ?? 'A0', analogScale: opts.analogScale ?? 1 / 1023,
  });
  const libraries: PinnedLibrary[] = [...part.libraries];
  const files = new Map<string, string>();
  let backendText: string;
  let backendTitle: string;
  let modelRamBytes: number;
  let memoryRows: Array<[string, number]>;
  let modelHeader: string;
  let memory: MemoryReport | undefined;
  for (const f of [demoC.header, demoC.source]) files.set(f.name, f.text);
  if (backend === 'native') {
    const model = generateNativeModel(graph, { prefix });
    memory = model.report;
    modelHeader = model.headerFileName;
    backendTitle = 'native C backend (TinyDeploy kernels)';
    backendText = renderTemplate('backend/native.ino', { MODEL_SOURCE: model.sourceFileName, PREFIX: prefix, PREFIX_UPPER: P });
    files.set(model.headerFileName, model.header);
    files.set(model.sourceFileName, model.source);
    for (const f of kernelFilesFor(model.source)) files.set(f.name, f.text);
    modelRamBytes = model.report.activationBytes;
    memoryRows = [
      ['activation buffer (RAM)', model.report.activationBytes],
      ['weights (flash)', model.report.weightBytes],
      ['requantization constants (flash)', model.report.constantBytes],
      ...(board.arch === 'avr' && model.report.avrExtraRamBytes > 0 ? [['element-wise constants (RAM on AVR)', model.report.avrExtraRamBytes] as [string, number]] : []),
    ];
  } else {
    checkTflmTarget(graph, board, opts.tflite);
    const arena = tflmArenaSize(opts.tflmArena, opts.tflmArenaMargin ?? 0.2, board);
    const calls = resolverCalls(graph);
    const inQ = tensorParams(graph.tensors[graph.inputs[0]!]!.quant, 'graph input');
    const outQ = tensorParams(graph.tensors[graph.outputs[0]!]!.quant, 'graph output');
    const tfliteHeader = `${prefix}_tflite.h`;
    const tfliteSource = `${prefix}_tflite.c`;
    backendTitle = `TensorFlow Lite Micro backend (${TFLM_LIBRARY.name} ${TFLM_LIBRARY.version})`;
    backendText = renderTemplate('backend/tflm.ino', {
      MODEL_SOURCE: tfliteSource, TFLM_LIBRARY: TFLM_LIBRARY.name, TFLM_VERSION: TFLM_LIBRARY.version, TFLM_HEADER: TFLM_LIBRARY.header,
      IN_SIZE: input.size, OUT_SIZE: output.size, IN_SCALE: cFloat(inQ.scale), IN_ZERO_POINT: inQ.zeroPoint,
      OUT_SCALE: cFloat(outQ.scale), OUT_ZERO_POINT: outQ.zeroPoint, ARENA_BASIS: arena.basis, ARENA_BYTES: arena.bytes,
      OP_COUNT: calls.length, OP_REGISTRATIONS: calls.map((c) => `  td_resolver.${c};`).join('\n'), PREFIX: prefix,
    });
    const common = { PREFIX: prefix, PREFIX_UPPER: P, MODEL_NAME: name, MODEL_HASH: hash, TFLITE_HEADER: tfliteHeader };
    files.set(tfliteHeader, renderTemplate('model/tflite.h', { ...common, TFLITE_SIZE: opts.tflite!.length }));
    files.set(tfliteSource, renderTemplate('model/tflite.c', { ...common, TFLITE_SOURCE: tfliteSource, TFLITE_DATA: byteRows(opts.tflite!, false) }));
    // The demo vectors are plain C over td_fixedpoint.h's flash macros.
    files.set('td_fixedpoint.h', kernelFilesFor('').find((f) => f.name === 'td_fixedpoint.h')!.text);
    modelHeader = tfliteHeader;
    libraries.push(TFLM_LIBRARY);
    modelRamBytes = arena.bytes;
    memoryRows = [['TFLM arena (RAM)', arena.bytes], ['.tflite model (flash)', opts.tflite!.length]];
  }
  for (const f of [...protocolFiles(), ...ramFiles(board.freeRam)]) files.set(f.name, f.text);

  const includes = renderTemplate('sketch/includes-local.ino', { MODEL_HEADER: modelHeader, DEMO_HEADER: demoC.header.name });
  const ino = renderMain({
    name, hash, board, source, backend, includes, backendText, labels, baud, periodMs,
    sourceText: renderTemplate(part.template, part.values), sourceTitle: part.title, backendTitle, input, output,
  });
  files.set(`${name}.ino`, ino);
  files.set('sketch.yaml', renderProfile(board, name, libraries));
  const listed = [...files.keys(), 'README.md'].sort();
  files.set('README.md', renderReadme({
    sketchName: name, modelName: name, hash, board, core, profileId: profileId(board), libraries, sourceTitle: part.title,
    sourceNote: part.note, backendTitle, baud, periodMs, labels, outputSize: output.size, memory: memoryRows, files: listed,
  }));
  return {
    name, files, hash, prefix, board, source, backend, core, profile: profileId(board), libraries, modelRamBytes,
    ...(memory ? { memory } : {}), inputSize: input.size, outputSize: output.size,
  };
}

function cFloat(v: number): string {
  const s = Math.fround(v).toPrecision(9);
  return `${/[.e]/.test(s) ? s : `${s}.0`}f`;
}

export interface MainParts {
  name: string; hash: string; board: BoardSpec; source: SketchSource; backend: SketchBackend; includes: string;
  backendText: string; sourceText: string; sourceTitle: string; backendTitle: string; labels: string[] | undefined;
  baud: number; periodMs: number; input: IoFacts; output: IoFacts;
}

/** The .ino: main.ino with its includes, backend and source parts inserted. */
export function renderMain(m: MainParts): string {
  return renderTemplate('sketch/main.ino', {
    SKETCH_NAME: m.name, MODEL_NAME: m.name, MODEL_HASH: m.hash, BOARD_NAME: m.board.name, BOARD_ID: m.board.id,
    SOURCE_TITLE: m.sourceTitle, BACKEND_TITLE: m.backendTitle, BAUD: m.baud, INCLUDES: m.includes.trimEnd(),
    BACKEND: m.backendText, SOURCE: m.sourceText, IN_RANK: m.input.dims.length, IN_DIMS: m.input.dims.join(', '),
    OUT_RANK: m.output.dims.length, OUT_DIMS: m.output.dims.join(', '), BACKEND_ID: m.backend, SOURCE_ID: m.source,
    LABELS: m.labels ? `"${m.labels.join(',')}"` : '0', RAM_TOTAL: m.board.ramBytes, PERIOD_MS: m.periodMs,
  });
}
