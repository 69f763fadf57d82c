// renderSketch: model + board + input source + backend → every file of a complete Arduino sketch folder.
import type { BoardSpec } from '../boards/index.js';
import type { MemoryReport } from '../codegen/index.js';
import { elementCount, type Graph } from '../model/index.js';
import { nativeBackend, tflmBackend } from './backends.js';
import { byteRows } from './c-data.js';
import { checkDemoVectors } from './demo.js';
import { modelHash } from './hash.js';
import { protocolFiles, ramFiles, type ShippedFile } from './native-files.js';
import {
  checkBaud, checkLabels, checkModelName, checkPeriod, checkPrefix, checkSketchName, invalid, type RenderSketchOptions, type SketchBackend,
  type SketchSource,
} from './options.js';
import { pinnedCore, profileId, renderProfile, type PinnedCore } from './profile.js';
import { renderReadme } from './readme.js';
import { analogFullScale, sourcePart } from './sources.js';
import { renderTemplate } from './template.js';
import type { PinnedLibrary } from './versions.js';

export interface RenderedSketch {
  /** The sketch (and folder) name: files go to <name>/<path>. */
  readonly name: string;
  /** The model's name in the hello line. */
  readonly modelName: string;
  /** Path inside the sketch folder → contents: <name>.ino, sketch.yaml, README.md at the top, the C in src/. */
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
  const modelName = checkModelName(opts.modelName ?? name);
  const prefix = checkPrefix(opts.prefix ?? 'model');
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
    analogPin: opts.analogPin ?? 'A0', analogScale: opts.analogScale ?? 1 / analogFullScale(board),
  });
  const ctx = { graph, board, prefix, name: modelName, hash, inputSize: input.size, outputSize: output.size, ...(opts.requantLayout ? { requantLayout: opts.requantLayout } : {}) };
  const model = backend === 'native' ? nativeBackend(ctx) : tflmBackend(ctx, opts);
  const libraries: PinnedLibrary[] = [...part.libraries, ...model.libraries];
  const files = new Map<string, string>();
  // The C goes to src/: Arduino compiles it there too, and the IDE then shows the student only the .ino.
  for (const f of [demoC.header, demoC.source, ...model.files, ...protocolFiles(), ...ramFiles(board.freeRam)]) files.set(`src/${f.name}`, f.text);

  const includes = renderTemplate('sketch/includes-local.ino', { MODEL_HEADER: model.modelHeader, DEMO_HEADER: demoC.header.name });
  const ino = renderMain({
    name, modelName, hash, board, source, backend, includes, backendText: model.text, labels, baud, periodMs,
    sourceText: (part.window ? renderTemplate('source/window.ino', {}) : '') + renderTemplate(part.template, part.values), sourceTitle: part.title, backendTitle: model.title, input, output,
  });
  files.set(`${name}.ino`, ino);
  files.set('sketch.yaml', renderProfile(board, name, libraries));
  const listed = [...files.keys(), 'README.md'].sort();
  files.set('README.md', renderReadme({
    sketchName: name, modelName, hash, board, core, profileId: profileId(board), libraries, sourceTitle: part.title,
    sourceNote: part.note, backendTitle: model.title, baud, periodMs, labels, outputSize: output.size, inputSize: input.size, memory: model.memoryRows, files: listed,
  }));
  return {
    name, modelName, files, hash, prefix, board, source, backend, core, profile: profileId(board), libraries, modelRamBytes: model.ramBytes,
    ...(model.memory ? { memory: model.memory } : {}), inputSize: input.size, outputSize: output.size,
  };
}

export interface MainParts {
  name: string; modelName: string; hash: string; board: BoardSpec; source: SketchSource; backend: SketchBackend; includes: string;
  backendText: string; sourceText: string; sourceTitle: string; backendTitle: string; labels: string[] | undefined;
  baud: number; periodMs: number; input: IoFacts; output: IoFacts;
}

/** The .ino: main.ino with its includes, backend and source parts inserted. */
export function renderMain(m: MainParts): string {
  return renderTemplate('sketch/main.ino', {
    SKETCH_NAME: m.name, MODEL_NAME: m.modelName, MODEL_HASH: m.hash, BOARD_NAME: m.board.name, BOARD_ID: m.board.id,
    SOURCE_TITLE: m.sourceTitle, BACKEND_TITLE: m.backendTitle, BAUD: m.baud, INCLUDES: m.includes.trimEnd(),
    BACKEND: m.backendText, SOURCE: m.sourceText, IN_RANK: m.input.dims.length, IN_DIMS: m.input.dims.join(', '),
    OUT_RANK: m.output.dims.length, OUT_DIMS: m.output.dims.join(', '), BACKEND_ID: m.backend, SOURCE_ID: m.source,
    LABELS: m.labels ? `"${m.labels.join(',')}"` : '0', RAM_TOTAL: m.board.ramBytes, PERIOD_MS: m.periodMs,
  });
}
