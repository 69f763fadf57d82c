// Seeded synthetic samples and fixture splits for the compress tests.
import { readFileSync } from 'node:fs';
import { seededRng } from '../../core/compress/rng.js';
import type { Samples } from '../../core/compress/samples.js';
import { parseCsv, reshapeFeatures, sliceRows, type Dataset } from '../../core/formats/index.js';
import { fixturePath, loadAnchor, type AnchorFixture, type FixtureName } from '../support/fixtures.js';

/** Rows of `features` values in [0, 1); the label is the index of the largest of the first `classes` features. */
export function blobs(rows: number, features: number, classes: number, seed = 3): Samples {
  const rng = seededRng(seed);
  const x = Float32Array.from({ length: rows * features }, () => rng());
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (x[r * features + k]! > x[r * features + best]!) best = k;
    y[r] = best;
  }
  return { features: x, labels: y, rows };
}

export function fixtureSplits(name: FixtureName): { f: AnchorFixture; train: Dataset; test: Dataset } {
  const anchor = loadAnchor();
  const f = anchor.fixtures.find((x) => x.name === name)!;
  const d = anchor.datasets[f.dataset];
  const ds = reshapeFeatures(parseCsv(readFileSync(fixturePath(d.file), 'utf8')), f.inputShape.slice(1));
  return { f, train: sliceRows(ds, ...d.split.train), test: sliceRows(ds, ...d.split.test) };
}
