// bench:compress chooses its distillation settings on the validation split: every candidate is trained, the best
// validation accuracy wins (ties: the earlier candidate), and the test split is not even an input.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../core/compress/evaluate.js';
import { trainGraph } from '../../core/compress/train.js';
import { chooseOnValidation, DISTILL_SEARCHES, type DistillSearch } from '../support/distill-selection.js';
import { blobs } from './data.js';
import { mlpGraph } from './graphs.js';

describe('distillation settings chosen on the validation split', () => {
  it('trains every candidate and keeps the one with the best validation accuracy', async () => {
    const train = blobs(192, 8, 3, 3);
    const val = blobs(96, 8, 3, 5);
    const teacher = (await trainGraph(mlpGraph([8, 32, 3], 1), train, { epochs: 6, learningRate: 0.02, seed: 1 })).graph;
    // A barely trained candidate on both sides of a well trained one: neither "first" nor "last" passes.
    const search: DistillSearch = {
      teacher: 'blobs', width: 0.5, temperature: 4, seed: 1,
      candidates: [
        { epochs: 1, learningRate: 0.0001, alpha: 0.5 },
        { epochs: 12, learningRate: 0.03, alpha: 0.5 },
        { epochs: 1, learningRate: 0.0002, alpha: 0.5 },
      ],
    };
    const sel = await chooseOnValidation(teacher, train, val, search);
    expect(sel.tried.map((t) => t.setting)).toEqual(search.candidates);
    const best = Math.max(...sel.tried.map((t) => t.valMetric));
    expect(best).toBeGreaterThan(Math.min(...sel.tried.map((t) => t.valMetric)));
    expect(sel.chosen).toEqual(search.candidates[sel.tried.findIndex((t) => t.valMetric === best)]);
    expect(sel.chosen).toBe(search.candidates[1]);
    // The returned student is the chosen one, and its figure is its validation accuracy.
    expect((await evaluate(sel.graph, val)).metric).toBeCloseTo(sel.valMetric, 6);
  });

  it('searches a few settings per digits teacher at one width, temperature and seed', () => {
    expect(DISTILL_SEARCHES.map((s) => s.teacher)).toEqual(['digits_mlp', 'digits_cnn']);
    for (const s of DISTILL_SEARCHES) {
      expect(s.candidates.length).toBeGreaterThanOrEqual(2);
      expect(s.candidates.length).toBeLessThanOrEqual(4); // each CNN candidate costs about a minute on wasm
      expect(new Set(s.candidates.map((c) => JSON.stringify(c))).size).toBe(s.candidates.length);
    }
  });
});
