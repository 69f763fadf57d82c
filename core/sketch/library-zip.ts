// The model as an Arduino library .zip (as Edge Impulse exports): library.properties, src/<Name>_inferencing.h
// with the model, kernels, protocol and RAM glue, and an example sketch with live results over serial.
import { strToU8, zipSync } from 'fflate';
import { invalid, type RenderSketchOptions } from './options.js';
import { renderSketch } from './render.js';
import { kernelFilesFor, protocolFiles, ramFiles } from './native-files.js';
import { generateNativeModel } from '../codegen/index.js';
import { renderTemplate } from './template.js';
import { LIBRARY_VERSION } from './versions.js';

export interface LibraryZip {
  /** The library name (folder and Library Manager name), e.g. "Sine_inferencing". */
  readonly name: string;
  /** What a sketch includes: `#include <Sine_inferencing.h>`. */
  readonly header: string;
  readonly zip: Uint8Array;
  /** Path inside the zip → contents (the same files the zip holds). */
  readonly files: Map<string, string>;
}

/**
 * Exports the native-backend model as an Arduino library. The example is the sketch renderSketch would write for
 * options.board and options.source, including the library header instead of local files.
 */
export function exportLibraryZip(options: RenderSketchOptions): LibraryZip {
  if ((options.backend ?? 'native') !== 'native') {
    throw invalid('the Arduino library holds the native C model only', 'Export the library with the native backend; TFLM sketches use the TFLM library instead.');
  }
  const sketch = renderSketch(options);
  const name = `${sketch.name.replace(/[^A-Za-z0-9_]/g, '_')}_inferencing`;
  const header = `${name}.h`;
  const { prefix } = sketch;
  const model = generateNativeModel(options.model, { prefix });
  const root = `${name}/`;
  const files = new Map<string, string>();
  files.set(`${root}library.properties`, renderTemplate('library/library.properties', {
    LIBRARY_NAME: name, LIBRARY_VERSION, MODEL_NAME: sketch.name, MODEL_HASH: sketch.hash, LIBRARY_HEADER: header,
    PREFIX: prefix, ACT_BYTES: model.report.activationBytes, WEIGHT_BYTES: model.report.weightBytes + model.report.constantBytes,
  }));
  files.set(`${root}src/${header}`, renderTemplate('library/library.h', {
    LIBRARY_HEADER: header, MODEL_NAME: sketch.name, MODEL_HASH: sketch.hash, PREFIX: prefix, PREFIX_UPPER: prefix.toUpperCase(),
    LIBRARY_GUARD: `${name.toUpperCase()}_H`, MODEL_HEADER: model.headerFileName, DEMO_HEADER: `${prefix}_demo.h`,
  }));
  // The same model files as the sketch, plus every architecture's RAM glue (each compiles to nothing elsewhere).
  const shipped = [
    { name: model.headerFileName, text: model.header }, { name: model.sourceFileName, text: model.source },
    { name: `${prefix}_demo.h`, text: sketch.files.get(`${prefix}_demo.h`)! }, { name: `${prefix}_demo.c`, text: sketch.files.get(`${prefix}_demo.c`)! },
    ...kernelFilesFor(model.source), ...protocolFiles(), ...ramFiles('all'),
  ];
  for (const f of shipped) files.set(`${root}src/${f.name}`, f.text);
  const example = `${name}_live`;
  const ino = sketch.files.get(`${sketch.name}.ino`)!;
  const includes = renderTemplate('sketch/includes-local.ino', { MODEL_HEADER: model.headerFileName, DEMO_HEADER: `${prefix}_demo.h` }).trimEnd();
  const libIncludes = renderTemplate('sketch/includes-library.ino', { LIBRARY_HEADER: header }).trimEnd();
  if (!ino.includes(includes)) throw new Error('internal: the sketch lost its include block');
  files.set(`${root}examples/${example}/${example}.ino`, ino.replace(includes, libIncludes));
  const zip = zipSync(Object.fromEntries([...files].map(([p, t]) => [p, strToU8(t)])), { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
  return { name, header, zip, files };
}

