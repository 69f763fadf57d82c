// core/compress: int8 PTQ, structured and magnitude pruning, distillation, and the measured report.
export { quantizeInt8, type QuantizeOptions, type QuantizeResult, type CalibrationData } from './quantize.js';
export type { CalibratorChoice } from './activation-plan.js';
export { CALIBRATORS, type CalibratorName } from './calibrators.js';
export { pruneStructured, removeChannels, type StructuredPruneOptions, type StructuredPruneResult } from './prune-structured.js';
export { pruneMagnitude, polynomialSparsity, filterSparsity, type MagnitudePruneOptions, type MagnitudePruneResult } from './prune-magnitude.js';
export { distill, widthStudent, type DistillOptions, type DistillResult } from './distill.js';
export { trainGraph, type TrainOptions, type TrainResult } from './train.js';
export { evaluate, predictFloat, predictQuantized, type Evaluation } from './evaluate.js';
export { compressModel, type CompressPlan, type CompressOutcome, type PruneSpec } from './pipeline.js';
export {
  formatReportTable, modelFigures, MAGNITUDE_NOTE, type CompressionReport, type VariantReport, type ModelFigures, type ActivationRam,
} from './report.js';
export { layerByLayerBytes } from './memory-bound.js';
export { useBestBackend, currentBackend, type TfBackendName } from './tf-backend.js';
export { taskOf, type Task } from './task.js';
export type { Samples } from './samples.js';
