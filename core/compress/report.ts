// The compression report: per variant parameters, weight bytes, activation RAM, MACs and quality, with deltas
// against the original — as JSON and as a table for the CLI.
import { deflateSync } from 'fflate';
import { layerStats, type Graph } from '../model/index.js';
import { layerByLayerBytes } from './memory-bound.js';
import { metricName, taskOf } from './task.js';

export type VariantKind = 'original' | 'quantize' | 'prune-structured' | 'prune-magnitude' | 'distill';

export interface ModelFigures {
  dtype: 'float32' | 'int8';
  params: number;
  /** Bytes of all constant tensors as stored densely (what the board's flash holds). */
  weightBytes: number;
  /** The same bytes deflated: what sparse or compressed storage could approach (not what the board stores). */
  zippedWeightBytes: number;
  activationRamBytes: number;
  macs: number;
  metric: number;
}

export interface VariantReport extends ModelFigures {
  name: string;
  kind: VariantKind;
  deltas: { params: number; weightBytes: number; activationRamBytes: number; macs: number; metric: number };
  notes: string[];
}

export interface CompressionReport {
  model: string;
  task: 'classification' | 'regression';
  metricName: 'accuracy' | 'rmse';
  /** How activationRamBytes was computed. */
  activationRamMethod: string;
  backend?: string;
  variants: VariantReport[];
}

/** Activation RAM of a graph; the default is the layer-by-layer bound (see memory-bound.ts). */
export type ActivationRam = (graph: Graph) => number;

export const LAYER_BY_LAYER = 'layer-by-layer bound: the most activation bytes alive at once, each tensor in its own buffer';

export function modelFigures(graph: Graph, metric: number, ram: ActivationRam = layerByLayerBytes): ModelFigures {
  const stats = layerStats(graph);
  const chunks = graph.tensors.filter((t) => t.data).map((t) => t.data!);
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let off = 0;
  for (const c of chunks) { all.set(c, off); off += c.byteLength; }
  const int8 = graph.tensors.some((t) => t.dtype === 'int8' && !t.data);
  return {
    dtype: int8 ? 'int8' : 'float32',
    params: stats.totals.params,
    weightBytes: stats.totals.weightBytes,
    zippedWeightBytes: deflateSync(all, { level: 9 }).byteLength,
    activationRamBytes: ram(graph),
    macs: stats.totals.macs,
    metric,
  };
}

export function variantReport(name: string, kind: VariantKind, f: ModelFigures, original: ModelFigures, notes: string[] = []): VariantReport {
  return {
    name, kind, ...f, notes,
    deltas: {
      params: f.params - original.params,
      weightBytes: f.weightBytes - original.weightBytes,
      activationRamBytes: f.activationRamBytes - original.activationRamBytes,
      macs: f.macs - original.macs,
      metric: f.metric - original.metric,
    },
  };
}

export function newReport(model: string, original: Graph, method = LAYER_BY_LAYER): CompressionReport {
  const task = taskOf(original);
  return { model, task, metricName: metricName(task), activationRamMethod: method, variants: [] };
}

/** The note every magnitude-pruned variant carries: dense storage keeps every zero. */
export const MAGNITUDE_NOTE = 'Magnitude pruning zeroes weights but the board stores them densely: flash, RAM and MACs are unchanged. ' +
  'Only sparse storage (or compression) would save bytes; zippedWeightBytes shows what that could approach.';

function pct(delta: number, base: number): string {
  if (base === 0) return '';
  const p = (100 * delta) / base;
  return ` (${p >= 0 ? '+' : ''}${p.toFixed(0)}%)`;
}

function fmtMetric(r: CompressionReport, v: number): string {
  return r.metricName === 'accuracy' ? `${(100 * v).toFixed(2)}%` : v.toFixed(4);
}

/** A plain-text table: one row per variant, deltas against the original in brackets. */
export function formatReportTable(r: CompressionReport): string {
  const orig = r.variants[0];
  const head = ['variant', 'dtype', 'params', 'weight bytes', 'zipped', 'act. RAM', 'MACs', r.metricName];
  const rows = r.variants.map((v) => [
    v.name, v.dtype,
    `${v.params}${orig && v !== orig ? pct(v.deltas.params, orig.params) : ''}`,
    `${v.weightBytes}${orig && v !== orig ? pct(v.deltas.weightBytes, orig.weightBytes) : ''}`,
    `${v.zippedWeightBytes}`,
    `${v.activationRamBytes}${orig && v !== orig ? pct(v.deltas.activationRamBytes, orig.activationRamBytes) : ''}`,
    `${v.macs}${orig && v !== orig ? pct(v.deltas.macs, orig.macs) : ''}`,
    `${fmtMetric(r, v.metric)}${orig && v !== orig ? ` (${v.deltas.metric >= 0 ? '+' : ''}${r.metricName === 'accuracy' ? (100 * v.deltas.metric).toFixed(2) + ' pts' : v.deltas.metric.toFixed(4)})` : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [`${r.model} — ${r.task}, ${r.metricName} on the test split`, line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const notes = [...new Set(r.variants.flatMap((v) => v.notes))];
  if (notes.length) out.push('', ...notes.map((n) => `note: ${n}`));
  out.push(`activation RAM: ${r.activationRamMethod}`);
  return out.join('\n');
}
