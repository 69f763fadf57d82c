// core/sketch: renders templates/ into a complete Arduino sketch folder (with a sketch.yaml profile pinning the
// core) and exports the model as an Arduino library .zip.
export {
  SKETCH_BACKENDS, SKETCH_SOURCES, type RenderSketchOptions, type SketchBackend, type SketchSource, type TflmArenaMeasure,
} from './options.js';
export { renderSketch, type RenderedSketch } from './render.js';
export { writeRendered, writeSketch, type WrittenSketch } from './write.js';
export { exportLibraryZip, type LibraryZip } from './library-zip.js';
export { fnv1a32Hex } from './hash.js';
export { resolverCalls, tflmArenaSize } from './tflm.js';
export { sourceChoices, type SourceChoice } from './sources.js';
export { placeholdersOf, templatesDir } from './template.js';
export { CORE_VERSIONS, IMU_LIBRARIES, TFLM_LIBRARY } from './versions.js';
