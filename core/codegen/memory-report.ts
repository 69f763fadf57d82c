// The memory report students see before compiling: arena, weights, the no-overlap peak (TFLM's layer-by-layer figure), and per layer.
import { liveBytesPerOp, noOverlapPeakBytes, tensorBytes, type Graph } from '../model/index.js';
import type { BufferSet } from './lifetimes.js';
import type { MemoryPlan } from './planner.js';

export interface LayerMemory {
  index: number;
  op: string;
  inputBytes: number;
  outputBytes: number;
  /** Bytes of activations live at this op with every buffer separate (the no-overlap peak is their max). */
  liveBytes: number;
  /** Arena bytes spanned by the buffers live at this op in the chosen plan (overlaps make it smaller). */
  plannedBytes: number;
}

export interface MemoryReport {
  /** The one static activation buffer. */
  activationBytes: number;
  /** Everything the generated model keeps in RAM: the activation buffer (it has no other state or scratch). */
  ramBytes: number;
  /** The model's constant tensors in flash (filters, biases). */
  weightBytes: number;
  /** Derived per-channel constants in flash (requantization multipliers and shifts). */
  constantBytes: number;
  /** Output channels whose multiplier and shift sit in a table (plain or packed), i.e. what constantBytes holds. */
  requantChannels: number;
  /** Constant operands of element-wise ops, read through plain pointers: in flash, except on AVR (RAM). */
  avrExtraRamBytes: number;
  /** Max over ops of the bytes live at once when no op's output overlaps its input. */
  noOverlapPeakBytes: number;
  /** Which placement heuristic won. */
  heuristic: string;
  layers: LayerMemory[];
}

export function memoryReport(graph: Graph, set: BufferSet, plan: MemoryPlan, flash: { weightBytes: number; constantBytes: number; plainConstBytes: number; requantChannels: number }): MemoryReport {
  const live = liveBytesPerOp(set.buffers, graph.ops.length);
  const layers = graph.ops.map((op, k): LayerMemory => {
    const bytesOf = (ts: number[]): number => ts.filter((t) => t >= 0 && !graph.tensors[t]!.data)
      .reduce((s, t) => s + tensorBytes(graph.tensors[t]!), 0);
    const liveHere = set.buffers.filter((b) => b.first <= k && k <= b.last && b.bytes > 0);
    const lo = Math.min(...liveHere.map((b) => plan.offsets[b.id]!));
    const hi = Math.max(...liveHere.map((b) => plan.offsets[b.id]! + b.bytes));
    return {
      index: k, op: op.type, inputBytes: bytesOf(op.inputs), outputBytes: bytesOf(op.outputs), liveBytes: live[k]!,
      plannedBytes: liveHere.length > 0 ? hi - lo : 0,
    };
  });
  return {
    activationBytes: plan.arenaBytes,
    ramBytes: plan.arenaBytes,
    weightBytes: flash.weightBytes,
    constantBytes: flash.constantBytes,
    requantChannels: flash.requantChannels,
    avrExtraRamBytes: flash.plainConstBytes,
    noOverlapPeakBytes: noOverlapPeakBytes(set.buffers, graph.ops.length),
    heuristic: plan.heuristic,
    layers,
  };
}

/** The per-layer table as text, for the CLI and logs. */
export function formatMemoryReport(r: MemoryReport): string {
  const rows = r.layers.map((l) => `${String(l.index).padStart(3)}  ${l.op.padEnd(18)} ${String(l.inputBytes).padStart(8)} ${String(l.outputBytes).padStart(8)} ${String(l.liveBytes).padStart(8)} ${String(l.plannedBytes).padStart(8)}`);
  return [
    `activation buffer ${r.activationBytes} B (RAM ${r.ramBytes} B), no-overlap peak ${r.noOverlapPeakBytes} B, weights ${r.weightBytes} B + constants ${r.constantBytes} B in flash, plan: ${r.heuristic}`,
    '  #  op                    input   output     live  planned',
    ...rows,
  ].join('\n');
}
