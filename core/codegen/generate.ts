// IR → a prefixed C model (header + source) over native/kernels, with a static, planned activation buffer.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, inferShapes, tensorParams, type Graph, type Op } from '../model/index.js';
import { banner, floatLit, int32Lit, stringLit } from './c-format.js';
import { unsupported } from './geometry.js';
import { checkGeneratedNames, validatePrefix } from './identifiers.js';
import { kernelHeadersFor } from './kernel-files.js';
import { stripFloatEdges } from './float-edges.js';
import { buildBuffers } from './lifetimes.js';
import { LowerContext, type LoweredOp } from './lower-context.js';
import { lowerConv, lowerFullyConnected, lowerMean, lowerPool } from './lower-compute.js';
import { lowerBinary, lowerConcat, lowerPad, lowerReshape, lowerSoftmax, lowerUnary } from './lower-elementwise.js';
import { memoryReport, type MemoryReport } from './memory-report.js';
import { planMemory, planViolations, type MemoryPlan } from './planner.js';
import { checkActivationSizes, checkArena, LARGEST_BOARD_RAM_BYTES } from './ram-limit.js';
import { PACKED_DECODER_BYTES, type RequantLayoutChoice } from './requant-pack.js';

export interface NativeModelOptions {
  /** Prefix of every generated symbol and of the file names (a C identifier). */
  prefix: string;
  /** Optional class labels, emitted as <prefix>_labels. */
  labels?: readonly string[];
  /** Let outputs overlap consumed inputs (default true); false gives a plain lifetime-reuse plan. */
  overlap?: boolean;
  /** Random restarts of the planner beyond its fixed heuristics. */
  restarts?: number;
  /** Refuse activation plans above this many bytes (default: the most RAM of any known board). */
  ramLimitBytes?: number;
  /** Layout of per-channel requantization constants (default 'auto': packed where it saves enough flash). */
  requantLayout?: RequantLayoutChoice;
}

export interface NativeModel {
  headerFileName: string;
  sourceFileName: string;
  header: string;
  source: string;
  report: MemoryReport;
  plan: MemoryPlan;
  /** Float QUANTIZE/DEQUANTIZE edge ops dropped so the API is int8 in and out (see float-edges.ts). */
  floatEdgesRemoved: string[];
  /** The kernel headers the source includes; the files to copy or compile are kernelFilesFor(source). */
  kernels: string[];
}

function lowerOp(ctx: LowerContext, op: Op, k: number): LoweredOp {
  switch (op.type) {
    case 'FULLY_CONNECTED': return lowerFullyConnected(ctx, op, k);
    case 'CONV_2D': case 'DEPTHWISE_CONV_2D': return lowerConv(ctx, op, k);
    case 'AVERAGE_POOL_2D': case 'MAX_POOL_2D': return lowerPool(ctx, op, k);
    case 'MEAN': return lowerMean(ctx, op, k);
    case 'ADD': case 'MUL': return lowerBinary(ctx, op, k);
    case 'SOFTMAX': return lowerSoftmax(ctx, op, k);
    case 'LOGISTIC': case 'TANH': case 'RELU': case 'RELU6': case 'QUANTIZE': return lowerUnary(ctx, op, k);
    case 'PAD': return lowerPad(ctx, op, k);
    case 'CONCATENATION': return lowerConcat(ctx, op);
    case 'RESHAPE': return lowerReshape(ctx, op);
    default:
      throw unsupported(`op ${k} (${op.type}) has no int8 kernel in the native backend`,
        'Models for the native backend must be int8 end to end; remove float QUANTIZE/DEQUANTIZE at the edges or use the TFLM backend.');
  }
}

/** Every dimension must be a positive integer: zero-sized or absurd tensors have no C layout. */
function checkTensorShapes(graph: Graph): void {
  graph.tensors.forEach((t, i) => {
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 1) || elementCount(t.shape) > 0x7fffffff) {
      throw unsupported(`tensor ${i} ("${t.name}") has shape [${t.shape.join(', ')}]; the native backend needs positive dimensions`,
        'Re-export the model with fixed, non-empty shapes (no dynamic or zero-sized dimensions).');
    }
  });
}

function ioInfo(graph: Graph, list: readonly number[], what: string) {
  return list.map((t, i) => {
    const tensor = graph.tensors[t];
    if (!tensor || tensor.dtype !== 'int8') {
      throw unsupported(`graph ${what} ${i} is ${tensor?.dtype ?? 'missing'}; the native backend needs int8 ${what}s`,
        'Quantize the model with int8 inputs and outputs (inference_input_type=int8).');
    }
    return { tensor: t, size: elementCount(tensor.shape), ...tensorParams(tensor.quant, `graph ${what} ${i}`) };
  });
}

export function generateNativeModel(original: Graph, options: NativeModelOptions): NativeModel {
  const { prefix } = options;
  const { graph, removed } = stripFloatEdges(original);
  validatePrefix(prefix);
  const P = prefix.toUpperCase();
  // Shapes are trusted below (buffer sizes, loop bounds): check them once against TFLite's rules.
  inferShapes(graph);
  checkTensorShapes(graph);
  const ramLimit = options.ramLimitBytes ?? LARGEST_BOARD_RAM_BYTES;
  checkActivationSizes(graph, ramLimit);
  const inputs = ioInfo(graph, graph.inputs, 'input');
  const outputs = ioInfo(graph, graph.outputs, 'output');
  const set = buildBuffers(graph, { overlap: options.overlap ?? true });
  const plan = planMemory(set, { restarts: options.restarts });
  const problems = planViolations(set, plan);
  if (problems.length > 0) throw new TinyDeployError(ErrorCode.Internal, `memory plan is unsafe: ${problems[0]}`);
  checkArena(graph, set, plan, ramLimit);
  const arena = `${prefix}_arena`;
  const lowerAll = (layout: RequantLayoutChoice): { ctx: LowerContext; lowered: Array<LoweredOp & { op: Op; k: number }> } => {
    const c = new LowerContext(graph, prefix, (t) => {
      const off = plan.offsets[set.bufferOf.get(t)!]!;
      return off === 0 ? arena : `${arena} + ${off}`;
    }, layout);
    return { ctx: c, lowered: graph.ops.map((op, k) => ({ op, k, ...lowerOp(c, op, k) })) };
  };
  let { ctx, lowered } = lowerAll(options.requantLayout ?? 'auto');
  // Packed tables need the decoder linked in; when they save less flash than it takes, every table stays plain.
  if ((options.requantLayout ?? 'auto') === 'auto' && ctx.packedSavedBytes > 0 && ctx.packedSavedBytes < PACKED_DECODER_BYTES) {
    ({ ctx, lowered } = lowerAll('plain'));
  }
  ctx.names.push(arena, `${prefix}_invoke`);
  const report = memoryReport(graph, set, plan, { weightBytes: ctx.weightBytes, constantBytes: ctx.constantBytes, plainConstBytes: ctx.plainConstBytes, requantChannels: ctx.requantChannels });

  const macros: Array<[string, string]> = [
    ['ARENA_SIZE', int32Lit(plan.arenaBytes)], ['INPUT_COUNT', `${inputs.length}`], ['OUTPUT_COUNT', `${outputs.length}`],
    ['INPUT_SIZE', int32Lit(inputs.reduce((s, x) => s + x.size, 0))], ['OUTPUT_SIZE', int32Lit(outputs.reduce((s, x) => s + x.size, 0))],
  ];
  const perIo = (list: typeof inputs, kind: string): void => list.forEach((x, i) => {
    const tag = i === 0 ? kind : `${kind}${i}`;
    if (i > 0) macros.push([`${tag}_SIZE`, int32Lit(x.size)]);
    macros.push([`${tag}_SCALE`, floatLit(x.scale)], [`${tag}_ZERO_POINT`, `(${int32Lit(x.zeroPoint)})`]);
  });
  perIo(inputs, 'INPUT');
  perIo(outputs, 'OUTPUT');
  if (options.labels) macros.push(['LABEL_COUNT', `${options.labels.length}`]);
  for (const [m] of macros) ctx.names.push(`${P}_${m}`);
  if (options.labels) ctx.names.push(`${prefix}_labels`);
  checkGeneratedNames(prefix, ctx.names);

  const headerFileName = `${prefix}_model.h`;
  const sourceFileName = `${prefix}_model.c`;
  const guard = `${P}_MODEL_H`;
  const header = [
    banner(headerFileName, graph.name, [
      `Activation buffer ${plan.arenaBytes} B of RAM (${report.noOverlapPeakBytes} B if no output overlapped an input); weights ${report.weightBytes} B in flash.`,
      inputs.length > 1 || outputs.length > 1 ? 'Several inputs/outputs are passed concatenated, in the graph\'s order.' : 'One int8 input tensor, one int8 output tensor.',
      ...(removed.length > 0 ? [`Float edges dropped (quantize/dequantize with the scales below): ${removed.join(', ')}.`] : []),
    ]),
    `#ifndef ${guard}\n#define ${guard}\n\n#include <stdint.h>\n\n#ifdef __cplusplus\nextern "C" {\n#endif\n`,
    macros.map(([m, v]) => `#define ${P}_${m} ${v}`).join('\n'),
    '',
    options.labels ? `extern const char *const ${prefix}_labels[${options.labels.length}];\n` : '',
    `/* Runs one inference: reads ${P}_INPUT_SIZE int8 values, writes ${P}_OUTPUT_SIZE int8 values. Not reentrant. */`,
    `void ${prefix}_invoke(const int8_t *input, int8_t *output);`,
    `\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* ${guard} */\n`,
  ].join('\n');

  let inOff = 0;
  const copyIn = inputs.map((x) => {
    const s = `td_copy_s8(${int32Lit(x.size)}, input + ${inOff}, ${ctx.ptr(x.tensor, 'graph input')});`;
    inOff += x.size;
    return s;
  });
  let outOff = 0;
  const copyOut = outputs.map((x) => {
    const s = `td_copy_s8(${int32Lit(x.size)}, ${ctx.ptr(x.tensor, 'graph output')}, output + ${outOff});`;
    outOff += x.size;
    return s;
  });
  const kernels = kernelHeadersFor(graph.ops.map((op) => op.type));
  const source = [
    banner(sourceFileName, graph.name, [`Memory plan: ${plan.heuristic}.`]),
    `#include "${headerFileName}"\n${kernels.map((h) => `#include "${h}"`).join('\n')}\n`,
    `static int8_t ${arena}[${Math.max(1, plan.arenaBytes)}];\n`,
    ...lowered.flatMap((l) => [`/* op ${l.k}: ${l.op.type} */`, ...l.decls]),
    options.labels ? `const char *const ${prefix}_labels[${options.labels.length}] = {${options.labels.map(stringLit).join(', ')}};\n` : '',
    `void ${prefix}_invoke(const int8_t *input, int8_t *output) {`,
    ...copyIn.map((s) => `  ${s}`),
    ...lowered.map((l) => `  ${l.call} /* op ${l.k}: ${l.op.type} */`),
    ...copyOut.map((s) => `  ${s}`),
    '}\n',
  ].join('\n');
  return { headerFileName, sourceFileName, header, source, report, plan, floatEdgesRemoved: removed, kernels };
}
