// The model as an Arduino library .zip (as Edge Impulse exports): library.properties, src/<Name>_inferencing.h
// with the model, kernels, protocol and RAM glue, and an example sketch with live results over serial.
import { strToU8, zipSync } from 'fflate';
import { invalid, type RenderSketchOptions } from './options.js';
import { renderSketch } from './render.js';
import { ramFiles } from './native-files.js';
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
  const { prefix, memory } = sketch;
  const modelHeader = `${prefix}_model.h`;
  const root = `${name}/`;
  const files = new Map<string, string>();
  files.set(`${root}library.properties`, renderTemplate('library/library.properties', {
    LIBRARY_NAME: name, LIBRARY_VERSION, MODEL_NAME: sketch.modelName, MODEL_HASH: sketch.hash, LIBRARY_HEADER: header,
    PREFIX: prefix, ACT_BYTES: memory!.activationBytes, WEIGHT_BYTES: memory!.weightBytes + memory!.constantBytes,
  }));
  files.set(`${root}src/${header}`, renderTemplate('library/library.h', {
    LIBRARY_HEADER: header, MODEL_NAME: sketch.modelName, MODEL_HASH: sketch.hash, PREFIX: prefix, PREFIX_UPPER: prefix.toUpperCase(),
    LIBRARY_GUARD: `${name.toUpperCase()}_H`, MODEL_HEADER: modelHeader, DEMO_HEADER: `${prefix}_demo.h`,
  }));
  // The sketch's C files (model, demo vectors, kernels, protocol), with every architecture's RAM glue instead of
  // the board's one: each compiles to nothing elsewhere, so the library builds for any board.
  for (const [file, text] of sketch.files) {
    if (/^src\/.*\.(c|h)$/.test(file) && !/^src\/td_ram/.test(file)) files.set(`${root}${file}`, text);
  }
  for (const f of ramFiles('all')) files.set(`${root}src/${f.name}`, f.text);
  const example = `${name}_live`;
  const ino = sketch.files.get(`${sketch.name}.ino`)!;
  const includes = renderTemplate('sketch/includes-local.ino', { MODEL_HEADER: modelHeader, DEMO_HEADER: `${prefix}_demo.h` }).trimEnd();
  const libIncludes = renderTemplate('sketch/includes-library.ino', { LIBRARY_HEADER: header }).trimEnd();
  if (!ino.includes(includes)) throw new Error('internal: the sketch lost its include block');
  files.set(`${root}examples/${example}/${example}.ino`, ino.replace(includes, libIncludes));
  const zip = zipSync(Object.fromEntries([...files].map(([p, t]) => [p, strToU8(t)])), { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
  return { name, header, zip, files };
}

