// `tinydeploy inspect <model> [--json]`: the detected format, then the per-layer table (or one JSON object),
// for every format the importers read.
import path from 'node:path';
import { loadModel, type ModelFormat, type ModelPrecision } from '../formats/index.js';
import { inferShapes, layerStats, type Graph, type GraphStats } from '../model/index.js';
import { parseCommandArgs, type CommandSpec } from './args.js';

const SPEC = {
  name: 'inspect',
  synopsis: 'tinydeploy inspect <model> [--json]',
  help: `Usage: tinydeploy inspect <model> [--json]
  <model>   a .tflite (int8, float or hybrid), Keras .keras or .h5, or TF.js model.json (or its folder)
  --json    print one JSON object instead of the table`,
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1, what: 'model file' },
} satisfies CommandSpec<{ json: { type: 'boolean' } }>;

export interface InspectReport {
  model: string;
  file: string;
  bytes: number;
  format: ModelFormat;
  precision: ModelPrecision;
  /** What the file was recognised as, in one sentence. */
  detected: string;
  /** The model's own description string, where the file carries one. */
  description?: string;
  inputs: TensorSummary[];
  outputs: TensorSummary[];
  ops: GraphStats['ops'];
  totals: GraphStats['totals'];
}

interface TensorSummary { index: number; name: string; shape: number[]; dtype: string; scale?: number; zeroPoint?: number }

function summary(g: Graph, index: number): TensorSummary {
  const t = g.tensors[index];
  const s: TensorSummary = { index, name: t.name, shape: t.shape, dtype: t.dtype };
  if (t.quant && t.quant.scale.length === 1) {
    s.scale = t.quant.scale[0];
    s.zeroPoint = t.quant.zeroPoint[0];
  }
  return s;
}

/** Reads (any format), checks (shapes) and measures a model: the data behind both output forms. */
export async function inspectModel(file: string): Promise<InspectReport> {
  const loaded = await loadModel(file);
  const graph = loaded.graph;
  inferShapes(graph);
  const stats = layerStats(graph);
  const report: InspectReport = {
    model: path.basename(loaded.file === file ? file : path.dirname(loaded.file)),
    file: path.resolve(loaded.file),
    bytes: loaded.bytes,
    format: loaded.format,
    precision: loaded.precision,
    detected: loaded.description,
    inputs: graph.inputs.map((i) => summary(graph, i)),
    outputs: graph.outputs.map((i) => summary(graph, i)),
    ops: stats.ops,
    totals: stats.totals,
  };
  if (graph.description) report.description = graph.description;
  return report;
}

const num = (n: number): string => n.toLocaleString('en-US');
const shape = (s: number[] | null): string => (s ? `[${s.join(',')}]` : '-');

/** The aligned text table: one row per op, then the totals. */
export function formatTable(r: InspectReport): string {
  const head = ['#', 'op', 'inputs', 'outputs', 'params', 'MACs', 'weight B', 'activation B'];
  const rows = r.ops.map((s) => [
    String(s.index), s.op, s.inputShapes.map(shape).join(' '), s.outputShapes.map(shape).join(' '),
    num(s.params), num(s.macs), num(s.weightBytes), num(s.activationBytes),
  ]);
  const total = ['', 'total', '', '', num(r.totals.params), num(r.totals.macs), num(r.totals.weightBytes),
    `${num(r.totals.activationBytes)} all, ${num(r.totals.peakLayerActivationBytes)} peak op`];
  const all = [head, ...rows, total];
  const width = head.map((_, c) => all.slice(0, -1).reduce((w, row) => Math.max(w, row[c].length), 0));
  const numeric = (c: number): boolean => c === 0 || c >= 4;
  const line = (row: string[]): string => row
    .map((cell, c) => (c === row.length - 1 && row === total ? cell : numeric(c) ? cell.padStart(width[c]) : cell.padEnd(width[c])))
    .join('  ').trimEnd();
  const io = (list: TensorSummary[]): string => list.map((t) => `"${t.name}" ${shape(t.shape)} ${t.dtype}`).join(', ');
  return [
    `${r.model}: ${r.ops.length} ops, ${num(r.bytes)} bytes${r.description ? ` (${r.description})` : ''}`,
    `detected: ${r.detected}`,
    `inputs: ${io(r.inputs)}`,
    `outputs: ${io(r.outputs)}`,
    '',
    line(head),
    line(width.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    line(total),
  ].join('\n');
}

export async function inspectCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(SPEC, args);
  if (!parsed) { console.log(SPEC.help); return 0; }
  const report = await inspectModel(parsed.positionals[0]!);
  console.log(parsed.values.json ? JSON.stringify(report, null, 2) : formatTable(report));
  return 0;
}
