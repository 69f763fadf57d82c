// `tinydeploy inspect <model> [--json]`: the per-layer table (or one JSON object) for a .tflite file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { readTflite } from '../formats/index.js';
import { inferShapes, layerStats, type Graph, type GraphStats } from '../model/index.js';

const USAGE = 'Usage: tinydeploy inspect <model.tflite> [--json]';

export interface InspectReport {
  model: string;
  file: string;
  bytes: number;
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

async function readModelFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? String(err);
    throw new TinyDeployError(ErrorCode.InvalidArgument, `Cannot read model "${file}": ${why}.`, {
      cause: err, advice: 'Give the path of a .tflite file.',
    });
  }
}

/** Reads, checks (shapes) and measures a .tflite file: the data behind both output forms. */
export async function inspectModel(file: string): Promise<InspectReport> {
  const bytes = await readModelFile(file);
  const graph = readTflite(bytes);
  inferShapes(graph);
  const stats = layerStats(graph);
  const report: InspectReport = {
    model: path.basename(file),
    file: path.resolve(file),
    bytes: bytes.length,
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
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const unknown = rest.filter((a) => a.startsWith('--'));
  if (unknown.length > 0 || rest.length !== 1) {
    const why = unknown.length > 0 ? `unknown option ${unknown.join(', ')}` : rest.length === 0 ? 'no model given' : 'more than one model given';
    throw new TinyDeployError(ErrorCode.InvalidArgument, `inspect: ${why}.`, { advice: USAGE });
  }
  const report = await inspectModel(rest[0]);
  console.log(json ? JSON.stringify(report, null, 2) : formatTable(report));
  return 0;
}
