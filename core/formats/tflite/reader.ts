// readTflite: a .tflite flatbuffer → the graph IR, refusing (with a typed error) anything broken or unsupported.
import { OP_TYPES, validateGraph, type Graph, type MetadataEntry, type Op, type OpType, type Tensor } from '../../model/index.js';
import { builtinOpName } from './builtin-ops.js';
import { malformed, UnsupportedOpsError, unsupportedContent } from './errors.js';
import { FlatView, type Table } from './flat-view.js';
import { readOptions } from './read-options.js';
import { bufferBytes, readTensor } from './read-tensor.js';
import {
  FILE_IDENTIFIER, MetadataField, ModelField, OP_CODES, OperatorCodeField, OperatorField, SubGraphField,
} from './schema.js';

const OP_BY_CODE = new Map<number, OpType>(OP_TYPES.map((t) => [OP_CODES[t].code, t]));

/** An OperatorCode resolved: the IR op type when we support it, else the name to report. */
interface OpCodeInfo { type?: OpType; name: string; version: number }

function readOpCode(t: Table, i: number): OpCodeInfo {
  const deprecated = t.int8(OperatorCodeField.deprecatedBuiltinCode, 0, 'deprecated_builtin_code');
  const builtin = t.int32(OperatorCodeField.builtinCode, 0, 'builtin_code');
  const version = t.int32(OperatorCodeField.version, 1, 'version');
  // Older files fill only deprecated_builtin_code, newer ones both: take the larger (schema_utils GetBuiltinCode).
  const code = Math.max(deprecated, builtin);
  if (code < 0) throw malformed(`operator_codes[${i}] has a negative builtin code ${code}`);
  if (code === 32) {
    const custom = t.string(OperatorCodeField.customCode, 'custom_code') ?? '';
    return { name: `${custom || '?'} (custom op)`, version };
  }
  const type = OP_BY_CODE.get(code);
  return type ? { type, name: type, version } : { name: builtinOpName(code), version };
}

function checkIndices(list: number[], count: number, what: string, allowAbsent: boolean): void {
  for (const i of list) {
    if (allowAbsent && i === -1) continue;
    if (!(i >= 0 && i < count)) throw malformed(`${what} refers to tensor ${i}, but the subgraph has ${count} tensors`);
  }
}

function readOp(t: Table, index: number, codes: readonly OpCodeInfo[], tensorCount: number): Op | string {
  const where = `operator ${index}`;
  const codeIndex = t.uint32(OperatorField.opcodeIndex, 0, 'opcode_index');
  const code = codes[codeIndex];
  if (code === undefined) throw malformed(`${where} uses operator code ${codeIndex}, but the model has ${codes.length}`);
  const inputs = t.int32s(OperatorField.inputs, 'inputs') ?? [];
  const outputs = t.int32s(OperatorField.outputs, 'outputs') ?? [];
  checkIndices(inputs, tensorCount, `${where} (${code.name}) inputs`, true);
  checkIndices(outputs, tensorCount, `${where} (${code.name}) outputs`, false);
  if (!code.type) return code.name;
  const label = `${where} (${code.type})`;
  const optionsType = t.uint8(OperatorField.builtinOptionsType, 0, 'builtin_options_type');
  const expected = OP_CODES[code.type].options;
  if (optionsType !== 0 && optionsType !== expected) {
    throw malformed(`${label} carries options of union type ${optionsType}, expected ${expected}`);
  }
  const table = optionsType === 0 ? null : t.table(OperatorField.builtinOptions, 'builtin_options');
  const options = readOptions(code.type, table, label);
  return { type: code.type, inputs, outputs, options, version: code.version } as Op;
}

function readMetadata(model: Table, buffers: readonly Table[]): MetadataEntry[] | undefined {
  const list = model.tables(ModelField.metadata, 'metadata');
  if (!list || list.length === 0) return undefined;
  return list.map((m, i) => {
    const name = m.string(MetadataField.name, 'name') ?? '';
    const b = m.uint32(MetadataField.buffer, 0, 'buffer');
    if (b >= buffers.length) throw malformed(`metadata[${i}] "${name}" refers to buffer ${b} of ${buffers.length}`);
    const data = bufferBytes(buffers[b], b);
    return { name, data: data ? data.slice() : new Uint8Array(0) };
  });
}

/** Reads a .tflite model (subgraph 0) into the graph IR. Throws TinyDeployError for every bad or unsupported file. */
export function readTflite(bytes: Uint8Array): Graph {
  const view = new FlatView(bytes);
  if (bytes.length < 8) throw malformed(`the file is only ${bytes.length} bytes long`);
  const ident = String.fromCharCode(bytes[4], bytes[5], bytes[6], bytes[7]);
  if (ident !== FILE_IDENTIFIER) {
    throw malformed(`the file identifier is "${ident.replace(/[^\x20-\x7e]/g, '?')}", not "${FILE_IDENTIFIER}" (is this a .tflite file?)`);
  }
  const model = view.rootTable();
  const version = model.uint32(ModelField.version, 0, 'version');
  if (version !== 3) throw malformed(`the schema version is ${version}; only version 3 is defined`);
  const buffers = model.tables(ModelField.buffers, 'buffers') ?? [];
  const codes = (model.tables(ModelField.operatorCodes, 'operator_codes') ?? []).map(readOpCode);
  const subgraphs = model.tables(ModelField.subgraphs, 'subgraphs') ?? [];
  if (subgraphs.length === 0) throw malformed('the model has no subgraph');
  const sg = subgraphs[0];

  const tensorTables = sg.tables(SubGraphField.tensors, 'tensors') ?? [];
  const opTables = sg.tables(SubGraphField.operators, 'operators') ?? [];
  const parsed = opTables.map((t, i) => readOp(t, i, codes, tensorTables.length));
  const unsupported = [...new Set(parsed.filter((p): p is string => typeof p === 'string'))];
  if (unsupported.length > 0) throw new UnsupportedOpsError(unsupported);
  if (subgraphs.length > 1) {
    throw unsupportedContent(`The model has ${subgraphs.length} subgraphs; TinyDeploy runs single-subgraph models only.`,
      'Convert the model without control flow (no tf.cond / tf.while_loop), so that it has one subgraph.');
  }

  const tensors: Tensor[] = tensorTables.map((t, i) => readTensor(t, i, buffers));
  const inputs = sg.int32s(SubGraphField.inputs, 'inputs') ?? [];
  const outputs = sg.int32s(SubGraphField.outputs, 'outputs') ?? [];
  checkIndices(inputs, tensors.length, 'subgraph inputs', false);
  checkIndices(outputs, tensors.length, 'subgraph outputs', false);

  const graph: Graph = {
    name: sg.string(SubGraphField.name, 'name') || 'main',
    tensors,
    ops: parsed as Op[],
    inputs,
    outputs,
  };
  const description = model.string(ModelField.description, 'description');
  if (description !== undefined) graph.description = description;
  const metadata = readMetadata(model, buffers);
  if (metadata) graph.metadata = metadata;
  validateGraph(graph, { source: 'Malformed .tflite file' });
  return graph;
}
