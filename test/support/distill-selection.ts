// Distillation settings for bench:compress, chosen on the validation split only. Each teacher has a small, fixed
// list of candidate settings (same student width, temperature and seed); every candidate is trained on the train
// split and judged by its validation accuracy; the first best wins. The caller evaluates the test split once, on
// the chosen student: the test figure never takes part in the choice (it was chosen on test before).
import { distill } from '../../core/compress/distill.js';
import { evaluate } from '../../core/compress/evaluate.js';
import type { Samples } from '../../core/compress/samples.js';
import type { Graph } from '../../core/model/index.js';

export interface DistillSetting {
  readonly epochs: number;
  readonly learningRate: number;
  /** Weight of the hard labels; 1 − alpha weighs the teacher's softened outputs. */
  readonly alpha: number;
}

export interface DistillSearch {
  readonly teacher: string;
  /** Fixed by the size goal (params ≥ 4× smaller), not searched. */
  readonly width: number;
  readonly temperature: number;
  readonly seed: number;
  readonly candidates: readonly DistillSetting[];
}

// Label-heavy vs soft-target-heavy, and a slower/faster learning rate: a few points, not a sweep (each CNN
// candidate costs ~1 min on tfjs wasm on a busy 2-core machine).
export const DISTILL_SEARCHES: readonly DistillSearch[] = [
  {
    teacher: 'digits_mlp', width: 0.22, temperature: 4, seed: 1,
    candidates: [
      { epochs: 60, learningRate: 0.01, alpha: 0.3 },
      { epochs: 60, learningRate: 0.01, alpha: 0.7 },
      { epochs: 60, learningRate: 0.03, alpha: 0.3 },
    ],
  },
  {
    teacher: 'digits_cnn', width: 0.25, temperature: 4, seed: 1,
    candidates: [
      { epochs: 15, learningRate: 0.01, alpha: 0.3 },
      { epochs: 15, learningRate: 0.01, alpha: 0.7 },
      { epochs: 15, learningRate: 0.003, alpha: 0.7 },
    ],
  },
];

export interface Tried { readonly setting: DistillSetting; readonly valMetric: number; readonly seconds: number }

export interface Selection {
  readonly chosen: DistillSetting;
  readonly graph: Graph;
  readonly valMetric: number;
  readonly backend: string;
  readonly tried: readonly Tried[];
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Trains every candidate on `train` and keeps the one with the best validation accuracy (ties: the earlier one). */
export async function chooseOnValidation(teacher: Graph, train: Samples, val: Samples, search: DistillSearch,
  log: (m: string) => void = () => {}): Promise<Selection> {
  let best: Omit<Selection, 'tried'> | undefined;
  const tried: Tried[] = [];
  for (const setting of search.candidates) {
    const t0 = performance.now();
    const r = await distill(teacher, {
      width: search.width, train, epochs: setting.epochs, learningRate: setting.learningRate, alpha: setting.alpha,
      temperature: search.temperature, seed: search.seed,
    });
    const valMetric = (await evaluate(r.graph, val)).metric;
    tried.push({ setting, valMetric: round(valMetric), seconds: round((performance.now() - t0) / 1000) });
    log(`distill ${search.teacher} ${JSON.stringify(setting)}: validation accuracy ${valMetric.toFixed(4)}`);
    if (!best || valMetric > best.valMetric) best = { chosen: setting, graph: r.graph, valMetric, backend: r.backend };
  }
  if (!best) throw new Error(`no distillation candidates for ${search.teacher}`);
  return { ...best, tried };
}
