// The int8/float32 reference interpreter: Prepare every op once (constants, multipliers), then Eval per run.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { elementCount, type Graph } from '../model/index.js';
import { KERNELS } from './kernels/index.js';
import { OpContext, type EvalFn } from './op-context.js';
import { allocateTensorData, decodeConstant, describeData, matchesDType, type TensorData } from './tensor-data.js';

export interface Interpreter {
  /** Runs one inference: inputs in graph.inputs order, outputs (fresh copies) in graph.outputs order. */
  run(inputs: readonly TensorData[]): TensorData[];
  /** Runs one inference and returns a copy of every tensor's value by tensor index (undefined for unused slots). */
  runAll(inputs: readonly TensorData[]): (TensorData | undefined)[];
}

/** Builds an interpreter for `graph`; throws RuntimeUnsupported naming the first op it cannot run. */
export function createInterpreter(graph: Graph): Interpreter {
  validateGraph(graph);
  const buffers = allocateBuffers(graph);
  const evals: EvalFn[] = graph.ops.map((op, index) => {
    const ctx = new OpContext(graph, index, op, buffers);
    const prepare = KERNELS[op.type];
    if (!prepare) throw ctx.unsupported('op type is not supported by the reference interpreter');
    for (const ti of op.outputs) {
      const t = graph.tensors[ti];
      if (t?.data) throw ctx.unsupported(`output tensor ${ti} is a constant`);
    }
    return prepare(ctx);
  });

  const invoke = (inputs: readonly TensorData[]): void => {
    setInputs(graph, buffers, inputs);
    for (const e of evals) e();
  };

  return {
    run(inputs) {
      invoke(inputs);
      return graph.outputs.map((ti) => copyOf(buffers[ti]!));
    },
    runAll(inputs) {
      invoke(inputs);
      return buffers.map((b) => (b ? copyOf(b) : undefined));
    },
  };
}

/** One-shot convenience: prepare and run once. */
export function runGraph(graph: Graph, inputs: readonly TensorData[]): TensorData[] {
  return createInterpreter(graph).run(inputs);
}

/** Index and shape sanity, so kernels can trust every tensor reference they follow. */
function validateGraph(graph: Graph): void {
  const n = graph.tensors.length;
  const bad = (what: string) => new TinyDeployError(ErrorCode.ModelMalformed, what, {
    advice: 'The model graph is inconsistent; read it again from a valid .tflite file.',
  });
  graph.tensors.forEach((t, i) => {
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw bad(`tensor ${i} ("${t.name}") has an invalid shape [${String(t.shape)}]`);
    }
  });
  const check = (ti: number, what: string, optional: boolean) => {
    if (!Number.isInteger(ti) || ti >= n || ti < (optional ? -1 : 0)) throw bad(`${what} refers to tensor ${ti}, but the graph has ${n}`);
  };
  graph.inputs.forEach((ti, k) => check(ti, `graph input ${k}`, false));
  graph.outputs.forEach((ti, k) => check(ti, `graph output ${k}`, false));
  graph.ops.forEach((op, i) => {
    op.inputs.forEach((ti, k) => check(ti, `op ${i} (${op.type}) input ${k}`, true));
    op.outputs.forEach((ti, k) => check(ti, `op ${i} (${op.type}) output ${k}`, false));
    if (op.outputs.length === 0) throw bad(`op ${i} (${op.type}) has no output`);
  });
}

function allocateBuffers(graph: Graph): (TensorData | undefined)[] {
  return graph.tensors.map((t, i) => {
    if (t.data) return decodeConstant(t);
    const used = graph.inputs.includes(i) || graph.ops.some((op) => op.inputs.includes(i) || op.outputs.includes(i));
    if (!used) return undefined;
    const data = allocateTensorData(t.dtype, elementCount(t.shape));
    if (!data) {
      throw new TinyDeployError(ErrorCode.RuntimeUnsupported, `tensor ${i} ("${t.name}") has dtype ${t.dtype}, which the interpreter cannot hold`, {
        advice: 'TinyDeploy runs int8 and float32 models; convert the model to one of those.',
      });
    }
    return data;
  });
}

function setInputs(graph: Graph, buffers: (TensorData | undefined)[], inputs: readonly TensorData[]): void {
  if (!Array.isArray(inputs) || inputs.length !== graph.inputs.length) {
    throw new TinyDeployError(ErrorCode.InvalidArgument,
      `the model takes ${graph.inputs.length} input(s), got ${Array.isArray(inputs) ? inputs.length : describeData(inputs)}`,
      { advice: 'Pass one typed array per model input, in the model\'s input order.' });
  }
  graph.inputs.forEach((ti, k) => {
    const t = graph.tensors[ti]!;
    const given = inputs[k];
    const target = buffers[ti]!;
    if (!matchesDType(given, t.dtype)) {
      throw new TinyDeployError(ErrorCode.InvalidArgument,
        `input ${k} ("${t.name}") must be ${t.dtype} data, got ${describeData(given)}`,
        { advice: `Pass a ${target.constructor.name} for this input.` });
    }
    if (given.length !== target.length) {
      throw new TinyDeployError(ErrorCode.InvalidArgument,
        `input ${k} ("${t.name}") needs ${target.length} values for shape [${t.shape.join(', ')}], got ${given.length}`,
        { advice: 'Check the input shape the model expects (tinydeploy inspect).' });
    }
    (target as Int8Array).set(given as Int8Array);
  });
}

function copyOf(d: TensorData): TensorData {
  return d.slice();
}
