// core/codegen: the native C backend (kernels in native/kernels) and its static memory planner.
export { generateNativeModel, type NativeModel, type NativeModelOptions } from './generate.js';
export { formatMemoryReport, memoryReport, type LayerMemory, type MemoryReport } from './memory-report.js';
export { buildBuffers, type BufferSet, type OverlapPermission, type PlanBuffer } from './lifetimes.js';
export { planMemory, planViolations, placeInOrder, type MemoryPlan } from './planner.js';
export { safeOverlapDelta } from './access-order.js';
export { identifierProblem, validatePrefix } from './identifiers.js';
export { allKernelFiles, kernelFilesFor, kernelHeadersFor, nativeKernelsDir, type KernelFiles } from './kernel-files.js';
export { LARGEST_BOARD_RAM_BYTES } from './ram-limit.js';
export { chooseRequantLayout, MAX_DECODES_PER_SAVED_BYTE, MAX_OP_SLOWDOWN, packRequant, unpackRequant, type PackedRequant, type RequantLayoutChoice, type RequantUse } from './requant-pack.js';
