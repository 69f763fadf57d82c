// Weight histograms for the Compress step: every filter weight of a graph, dequantized, in equal-width bins.
import type { Graph, Tensor } from '../model/index.js';
import type { HistogramDto } from '../api/index.js';

/** Ops whose input 1 is a filter (the weights a student thinks of; biases and constants are left out). */
const FILTER_OPS = new Set(['FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D']);

function realValues(t: Tensor): Float64Array {
  const data = t.data!;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (t.dtype === 'float32') {
    const out = new Float64Array(data.byteLength / 4);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  if (t.dtype === 'int8') {
    const q = t.quant;
    const out = new Float64Array(data.byteLength);
    // Per-axis scales repeat along the quantized dimension: the stride is the product of the later dimensions.
    const axis = q && q.scale.length > 1 ? q.axis : -1;
    const inner = axis >= 0 ? t.shape.slice(axis + 1).reduce((a, b) => a * b, 1) : 1;
    for (let i = 0; i < out.length; i++) {
      const c = axis >= 0 ? Math.floor(i / inner) % q!.scale.length : 0;
      out[i] = q ? (view.getInt8(i) - (q.zeroPoint[c] ?? 0)) * (q.scale[c] ?? 1) : view.getInt8(i);
    }
    return out;
  }
  return new Float64Array(0);
}

export function filterWeights(g: Graph): Float64Array {
  const seen = new Set<number>();
  const parts: Float64Array[] = [];
  for (const op of g.ops) {
    const w = op.inputs[1];
    if (!FILTER_OPS.has(op.type) || w === undefined || w < 0 || seen.has(w)) continue;
    seen.add(w);
    const t = g.tensors[w];
    if (t?.data) parts.push(realValues(t));
  }
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { all.set(p, off); off += p.length; }
  return all;
}

/** A histogram over [-r, r] with r the largest |w|, so before/after charts of one model share an axis. */
export function weightHistogram(g: Graph, bins = 41, range?: number): HistogramDto {
  const w = filterWeights(g);
  let r = range ?? 0;
  if (range === undefined) for (const v of w) r = Math.max(r, Math.abs(v));
  if (r === 0) r = 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of w) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(((v + r) / (2 * r)) * bins)));
    counts[k]!++;
  }
  return { min: -r, max: r, counts };
}

export function weightRange(g: Graph): number {
  let r = 0;
  for (const v of filterWeights(g)) r = Math.max(r, Math.abs(v));
  return r || 1;
}
