// Which output channels can be removed together: a channel group is a set of tensors whose last-dimension channel c
// is one and the same feature (a conv's output, its ReLU, pool, depthwise, residual partner…), plus every weight
// that must lose a slice when channel c goes. Anything that would change meaning (an output, softmax, concat)
// blocks the group.
import { constInts, elementCount, type Graph } from '../model/index.js';

/** A flattened view of a group: last dim = spatial × channels, channel-last order. */
export interface FlatView { root: number; spatial: number }

export interface ChannelGroup {
  channels: number;
  /** Activation tensors whose last dimension is this group's channels. */
  tensors: number[];
  /** Flattened tensors (RESHAPE outputs) and their spatial size. */
  flats: { tensor: number; spatial: number; reshapeOp?: number }[];
  /** CONV_2D / FULLY_CONNECTED ops producing these channels (weight axis 0 and bias are sliced). */
  sources: number[];
  /** DEPTHWISE_CONV_2D ops carrying the channels through (weight axis 3 and bias are sliced). */
  depthwise: number[];
  /** Constant per-channel operands of ADD/MUL (sliced along their only axis). */
  constants: number[];
  /** Ops reading the channels as input channels: CONV_2D (weight axis 3) or FULLY_CONNECTED (columns). */
  consumers: { op: number; spatial: number }[];
  blocked: string[];
}

const UNARY = new Set(['MAX_POOL_2D', 'AVERAGE_POOL_2D', 'RELU', 'RELU6', 'LOGISTIC', 'TANH', 'PAD', 'QUANTIZE', 'DEQUANTIZE']);

export function channelGroups(graph: Graph): ChannelGroup[] {
  const parent = new Map<number, number>();
  const find = (i: number): number => { let r = i; while (parent.get(r) !== r) r = parent.get(r)!; parent.set(i, r); return r; };
  const lastDim = (t: number): number => graph.tensors[t]!.shape[graph.tensors[t]!.shape.length - 1] ?? 1;
  const isConst = (t: number): boolean => graph.tensors[t]?.data !== undefined;
  graph.tensors.forEach((t, i) => { if (!t.data) parent.set(i, i); });
  const flat = new Map<number, { src: number; spatial: number; reshapeOp: number }>();
  const notes: { t: number; why: string }[] = [];
  const block = (t: number, why: string): void => { if (parent.has(t)) notes.push({ t, why }); };
  const union = (a: number, b: number): void => { parent.set(find(a), find(b)); };
  graph.ops.forEach((op, k) => {
    const x = op.inputs[0]!;
    const y = op.outputs[0]!;
    if (flat.has(x) && op.type !== 'FULLY_CONNECTED') {
      if (UNARY.has(op.type) && op.type !== 'PAD') flat.set(y, flat.get(x)!);
      else block(flat.get(x)!.src, `${op.type} reads a flattened tensor`);
      return;
    }
    switch (op.type) {
      case 'CONV_2D': case 'FULLY_CONNECTED': return;
      case 'DEPTHWISE_CONV_2D':
        if (lastDim(x) === lastDim(y)) union(y, x); else block(x, 'depth multiplier > 1');
        return;
      case 'ADD': case 'MUL': {
        const acts = op.inputs.filter((t) => !isConst(t));
        const consts = op.inputs.filter((t) => isConst(t));
        for (const c of consts) {
          const n = elementCount(graph.tensors[c]!.shape);
          if (n !== 1 && !(n === lastDim(y) && lastDim(c) === n)) block(acts[0]!, `${op.type} has a constant operand that is not per-channel`);
        }
        if (acts.some((a) => lastDim(a) !== lastDim(y) || flat.has(a))) { acts.forEach((a) => block(a, `${op.type} broadcasts`)); return; }
        acts.forEach((a) => union(y, a));
        return;
      }
      case 'MEAN': {
        const rank = graph.tensors[x]!.shape.length;
        const axes = (constInts(graph.tensors[op.inputs[1]!]) ?? []).map((a) => (a < 0 ? a + rank : a));
        if (axes.includes(rank - 1) || lastDim(y) !== lastDim(x)) block(x, 'MEAN over channels'); else union(y, x);
        return;
      }
      case 'RESHAPE': {
        const inShape = graph.tensors[x]!.shape;
        const outShape = graph.tensors[y]!.shape;
        const c = lastDim(x);
        if (lastDim(y) === c) union(y, x);
        else if (outShape.length === 2 && lastDim(y) === elementCount(inShape.slice(1))) flat.set(y, { src: x, spatial: lastDim(y) / c, reshapeOp: k });
        else block(x, 'RESHAPE mixes channels');
        return;
      }
      default:
        if (UNARY.has(op.type)) { union(y, x); return; }
        op.inputs.forEach((t) => block(t, `${op.type} reads it`));
    }
  });
  const groups = new Map<number, ChannelGroup>();
  const groupOf = (t: number): ChannelGroup => {
    const r = find(t);
    if (!groups.has(r)) groups.set(r, { channels: lastDim(r), tensors: [], flats: [], sources: [], depthwise: [], constants: [], consumers: [], blocked: [] });
    return groups.get(r)!;
  };
  for (const t of parent.keys()) groupOf(t).tensors.push(t);
  for (const [t, f] of flat) {
    const viaReshape = graph.ops[f.reshapeOp]?.outputs[0] === t;
    groupOf(f.src).flats.push({ tensor: t, spatial: f.spatial, ...(viaReshape ? { reshapeOp: f.reshapeOp } : {}) });
  }
  for (const n of notes) groupOf(flat.get(n.t)?.src ?? n.t).blocked.push(n.why);
  graph.inputs.forEach((t) => groupOf(t).blocked.push('model input'));
  graph.outputs.forEach((t) => groupOf(flat.get(t)?.src ?? t).blocked.push('model output'));
  graph.ops.forEach((op, k) => {
    const x = op.inputs[0]!;
    const y = op.outputs[0]!;
    if (op.type === 'CONV_2D' || op.type === 'FULLY_CONNECTED') {
      groupOf(y).sources.push(k);
      const f = flat.get(x);
      if (f) groupOf(f.src).consumers.push({ op: k, spatial: f.spatial });
      else if (op.type === 'FULLY_CONNECTED' && graph.tensors[x]!.shape.length > 2) {
        groupOf(x).consumers.push({ op: k, spatial: elementCount(graph.tensors[x]!.shape.slice(1, -1)) });
      } else groupOf(x).consumers.push({ op: k, spatial: 1 });
    }
    if (op.type === 'DEPTHWISE_CONV_2D' && lastDim(x) === lastDim(y)) groupOf(y).depthwise.push(k);
    if (op.type === 'ADD' || op.type === 'MUL') {
      for (const c of op.inputs.filter((t) => isConst(t))) if (elementCount(graph.tensors[c]!.shape) > 1) groupOf(y).constants.push(c);
    }
  });
  return [...groups.values()].filter((g) => g.tensors.length > 0);
}

/** Groups whose channels can really be removed: produced by a conv or dense layer, and blocked by nothing. */
export function prunableGroups(graph: Graph): ChannelGroup[] {
  return channelGroups(graph).filter((g) => g.sources.length > 0 && g.blocked.length === 0 && g.channels > 1);
}
