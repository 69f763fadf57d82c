// The static memory planner: places every activation buffer at a byte offset of one arena.
//
// - Input: buffers (lifetimes.ts), each with a size and a lifetime [first op, last op]; a RESHAPE shares its
//   input's buffer. Two buffers whose lifetimes do not intersect may share bytes.
// - Overlap permissions (access-order.ts): an op's output may start at most maxDelta bytes above an input that dies
//   at that op, because the kernel writes its output in increasing order and never writes over input bytes it has
//   still to read. So an output can partly (or, for element-wise ops, wholly) overwrite its input.
// - Placement (placeInOrder): buffers are taken in some order; each goes at the lowest offset >= 0 outside every
//   forbidden interval that the already placed, co-live buffers define (first fit).
// - Orders tried: by size, by first use, by lifetime length, by size × lifetime, by last use; then, for graphs of
//   up to 256 buffers, seeded random perturbations of the size order. The smallest arena wins (ties: the first).
// - Checked independently (planViolations): every pair of co-live buffers is disjoint or within its permission;
//   generate.ts refuses a plan that fails, so a planner bug cannot reach the board.
import type { BufferSet, PlanBuffer } from './lifetimes.js';
import { livesOverlap, mulberry32 } from '../model/index.js';

export interface MemoryPlan {
  /** Buffer id → byte offset in the arena. */
  offsets: number[];
  arenaBytes: number;
  /** The heuristic that produced this plan. */
  heuristic: string;
}

/** Permission bounds by "out,input" buffer pair, for constant-time lookups while placing. */
type PermissionIndex = Map<string, number>;

function indexPermissions(set: BufferSet): PermissionIndex {
  return new Map(set.permissions.map((p) => [`${p.out},${p.input}`, p.maxDelta]));
}

/** Offsets at which `b` may not start, as closed intervals, given the buffers already placed. */
function forbidden(set: BufferSet, perms: PermissionIndex, b: PlanBuffer, placed: readonly (number | undefined)[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const o of set.buffers) {
    const at = placed[o.id];
    if (at === undefined || o.id === b.id || !livesOverlap(b, o) || o.bytes === 0 || b.bytes === 0) continue;
    let lo = at - b.bytes + 1;
    let hi = at + o.bytes - 1;
    // b = output of the op, o = its consumed input: b may start up to maxDelta above o.
    const asOut = perms.get(`${b.id},${o.id}`);
    if (asOut !== undefined) lo = Math.max(lo, at + asOut + 1);
    // b = consumed input, o = the output: o - b <= maxDelta, i.e. b >= o - maxDelta.
    const asIn = perms.get(`${o.id},${b.id}`);
    if (asIn !== undefined) hi = Math.min(hi, at - asIn - 1);
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

/** Places buffers in the given order, each at the lowest offset >= 0 outside every forbidden interval. */
export function placeInOrder(set: BufferSet, order: readonly number[], heuristic: string): MemoryPlan {
  const placed: (number | undefined)[] = new Array(set.buffers.length).fill(undefined);
  const perms = indexPermissions(set);
  let arenaBytes = 0;
  for (const id of order) {
    const b = set.buffers[id]!;
    const bad = forbidden(set, perms, b, placed).sort((x, y) => x[0] - y[0]);
    let at = 0;
    for (const [lo, hi] of bad) {
      if (at < lo) break;
      if (at <= hi) at = hi + 1;
    }
    placed[id] = at;
    arenaBytes = Math.max(arenaBytes, at + b.bytes);
  }
  return { offsets: placed.map((x) => x ?? 0), arenaBytes, heuristic };
}

// Random restarts draw from the seeded PRNG, so plans are reproducible.
const rng = mulberry32;

/** Runs every heuristic (and seeded random restarts) and returns the plan with the smallest arena. */
export function planMemory(set: BufferSet, options: { restarts?: number } = {}): MemoryPlan {
  const ids = set.buffers.map((b) => b.id);
  const B = set.buffers;
  const span = (b: PlanBuffer): number => b.last - b.first;
  const orders: Array<[string, number[]]> = [
    ['size', [...ids].sort((a, b) => B[b]!.bytes - B[a]!.bytes || a - b)],
    ['first-use', [...ids].sort((a, b) => B[a]!.first - B[b]!.first || B[b]!.bytes - B[a]!.bytes)],
    ['lifetime', [...ids].sort((a, b) => span(B[b]!) - span(B[a]!) || B[b]!.bytes - B[a]!.bytes)],
    ['size-x-lifetime', [...ids].sort((a, b) => B[b]!.bytes * (span(B[b]!) + 1) - B[a]!.bytes * (span(B[a]!) + 1) || a - b)],
    ['last-use', [...ids].sort((a, b) => B[b]!.last - B[a]!.last || B[b]!.bytes - B[a]!.bytes)],
  ];
  let best: MemoryPlan | undefined;
  for (const [name, order] of orders) {
    const plan = placeInOrder(set, order, name);
    if (!best || plan.arenaBytes < best.arenaBytes) best = plan;
  }
  // Random restarts are cheap for the small graphs microcontrollers run; large graphs keep the fixed heuristics.
  const restarts = options.restarts ?? (ids.length <= 64 ? 200 : ids.length <= 256 ? 20 : 0);
  const random = rng(0x7d3e);
  const base = orders[0]![1];
  for (let r = 0; r < restarts; r++) {
    // Perturb the size order: swap a few random pairs, so large buffers still tend to go first.
    const order = [...base];
    const swaps = 1 + Math.floor(random() * Math.max(1, order.length / 2));
    for (let s = 0; s < swaps; s++) {
      const i = Math.floor(random() * order.length);
      const j = Math.floor(random() * order.length);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const plan = placeInOrder(set, order, `random-${r}`);
    if (plan.arenaBytes < best!.arenaBytes) best = plan;
  }
  return best!;
}

/** Checks a plan independently of how it was made: every pair of co-live buffers is disjoint or permitted. */
export function planViolations(set: BufferSet, plan: MemoryPlan): string[] {
  const problems: string[] = [];
  for (const a of set.buffers) {
    const ao = plan.offsets[a.id]!;
    if (ao < 0 || ao + a.bytes > plan.arenaBytes) problems.push(`buffer ${a.id} lies outside the arena`);
    for (const b of set.buffers) {
      if (b.id <= a.id || !livesOverlap(a, b) || a.bytes === 0 || b.bytes === 0) continue;
      const bo = plan.offsets[b.id]!;
      if (ao + a.bytes <= bo || bo + b.bytes <= ao) continue;
      const p = set.permissions.find((q) => (q.out === a.id && q.input === b.id) || (q.out === b.id && q.input === a.id));
      if (p) {
        const outAt = plan.offsets[p.out]!;
        const inAt = plan.offsets[p.input]!;
        if (outAt - inAt <= p.maxDelta) continue;
      }
      problems.push(`buffers ${a.id} and ${b.id} overlap while both are live`);
    }
  }
  return problems;
}
