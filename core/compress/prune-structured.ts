// Structured pruning: removes whole neurons/filters (lowest L1 norm first), rewires every layer that reads them,
// then fine-tunes — so the deployed model really has fewer weights, activations and MACs.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { constInts, elementCount, type Graph, type Tensor } from '../model/index.js';
import { prunableGroups, type ChannelGroup } from './channel-groups.js';
import type { Samples } from './samples.js';
import { flatColumns, sliceAxis } from './slicing.js';
import { floatBytes, int32Bytes, readFloats } from './tensor-values.js';
import { trainGraph, type TrainOptions } from './train.js';

export interface GroupChange { name: string; channelsBefore: number; channelsAfter: number }

/** Per channel: the mean |w| of every filter producing it (summed over the group's sources). */
export function l1Importance(graph: Graph, g: ChannelGroup): Float64Array {
  const score = new Float64Array(g.channels);
  for (const k of g.sources) {
    const w = graph.tensors[graph.ops[k]!.inputs[1]!]!;
    const v = readFloats(w);
    const per = v.length / g.channels;
    for (let c = 0; c < g.channels; c++) {
      let s = 0;
      for (let i = 0; i < per; i++) s += Math.abs(v[c * per + i]!);
      score[c] += s / per;
    }
  }
  return score;
}

/** The `count` channels with the highest score, in ascending channel order. */
export function topChannels(score: Float64Array, count: number): number[] {
  return Array.from(score, (s, c) => [s, c] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, count).map(([, c]) => c).sort((a, b) => a - b);
}

function sliceConstant(t: Tensor, axis: number, keep: number[]): Tensor {
  const r = sliceAxis(readFloats(t), t.shape, axis, keep);
  return { ...t, shape: r.shape, data: floatBytes(r.values) };
}

/** A copy of `graph` where each group keeps only the channels listed for it. */
export function removeChannels(graph: Graph, keep: Map<ChannelGroup, number[]>): Graph {
  const tensors = graph.tensors.map((t) => ({ ...t, shape: [...t.shape] }));
  const ops = graph.ops.map((op) => ({ ...op, inputs: [...op.inputs], outputs: [...op.outputs], options: { ...op.options } })) as Graph['ops'];
  const setLast = (i: number, n: number): void => { const s = tensors[i]!.shape; s[s.length - 1] = n; };
  for (const [g, kept] of keep) {
    for (const t of g.tensors) setLast(t, kept.length);
    for (const f of g.flats) {
      setLast(f.tensor, f.spatial * kept.length);
      if (f.reshapeOp === undefined) continue;
      const op = ops[f.reshapeOp]!;
      const shapeInput = op.inputs[1];
      const newLast = f.spatial * kept.length;
      if (shapeInput !== undefined && shapeInput >= 0) {
        const vals = constInts(tensors[shapeInput]) ?? [];
        if (vals.length > 0) { vals[vals.length - 1] = newLast; tensors[shapeInput] = { ...tensors[shapeInput]!, data: int32Bytes(vals) }; }
      }
      if (op.type === 'RESHAPE' && op.options.newShape?.length) {
        const ns = [...op.options.newShape];
        ns[ns.length - 1] = newLast;
        op.options = { newShape: ns };
      }
    }
    for (const k of g.sources) {
      const [, w, b] = ops[k]!.inputs;
      tensors[w!] = sliceConstant(tensors[w!]!, 0, kept);
      if (b !== undefined && b >= 0) tensors[b] = sliceConstant(tensors[b]!, 0, kept);
    }
    for (const k of g.depthwise) {
      const [, w, b] = ops[k]!.inputs;
      tensors[w!] = sliceConstant(tensors[w!]!, 3, kept);
      if (b !== undefined && b >= 0) tensors[b] = sliceConstant(tensors[b]!, 0, kept);
    }
    for (const c of g.constants) tensors[c] = sliceConstant(tensors[c]!, tensors[c]!.shape.length - 1, kept);
    for (const { op: k, spatial } of g.consumers) {
      const w = ops[k]!.inputs[1]!;
      if (ops[k]!.type === 'CONV_2D') tensors[w] = sliceConstant(tensors[w]!, 3, kept);
      else tensors[w] = sliceConstant(tensors[w]!, 1, flatColumns(spatial, g.channels, kept));
    }
  }
  return { ...graph, tensors, ops };
}

export interface StructuredPruneOptions extends Partial<Omit<TrainOptions, 'loss' | 'afterStep'>> {
  /** Fraction of channels removed from every prunable layer, in (0, 1). */
  ratio: number;
  /** Training rows for fine-tuning; without them the pruned model is returned untuned. */
  train?: Samples;
}

export interface StructuredPruneResult { graph: Graph; changes: GroupChange[]; backend?: string }

/** Removes `ratio` of the channels of every prunable layer by L1 importance, then fine-tunes. */
export async function pruneStructured(graph: Graph, opts: StructuredPruneOptions): Promise<StructuredPruneResult> {
  if (!(opts.ratio > 0 && opts.ratio < 1)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `structured pruning ratio ${opts.ratio} is not in (0, 1)`, {
      advice: 'Give the fraction of channels to remove, e.g. structured:0.5.' });
  }
  const groups = prunableGroups(graph);
  if (groups.length === 0) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, 'the model has no layer whose channels can be removed', {
      advice: 'Structured pruning needs hidden Dense or Conv layers; try magnitude pruning instead.' });
  }
  const keep = new Map<ChannelGroup, number[]>();
  const changes: GroupChange[] = [];
  for (const g of groups) {
    const count = Math.max(1, Math.round(g.channels * (1 - opts.ratio)));
    keep.set(g, topChannels(l1Importance(graph, g), count));
    changes.push({ name: graph.tensors[g.tensors[0]!]!.name, channelsBefore: g.channels, channelsAfter: count });
  }
  const pruned = removeChannels(graph, keep);
  if (!opts.train || (opts.epochs ?? 0) <= 0) return { graph: pruned, changes };
  const tuned = await trainGraph(pruned, opts.train, { ...opts, epochs: opts.epochs ?? 0, job: opts.job ?? 'prune-structured' });
  return { graph: tuned.graph, changes, backend: tuned.backend };
}

/** Weight count of a graph's FULLY_CONNECTED/CONV_2D/DEPTHWISE_CONV_2D filters, for quick checks. */
export function filterElements(graph: Graph): number {
  return graph.ops.filter((op) => op.type === 'FULLY_CONNECTED' || op.type === 'CONV_2D' || op.type === 'DEPTHWISE_CONV_2D')
    .reduce((n, op) => n + elementCount(graph.tensors[op.inputs[1]!]!.shape), 0);
}
