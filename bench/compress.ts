// Compression benchmark: our int8 PTQ beside the TFLite converter's (test/fixtures/anchor.json, same calibration
// rows), structured and magnitude pruning, distillation (settings chosen on the validation split), and PTQ time —
// all measured in this run.
// Usage: npm run bench:compress [-- --json]
import { readFileSync } from 'node:fs';
import { evaluate } from '../core/compress/evaluate.js';
import { filterSparsity, pruneMagnitude } from '../core/compress/prune-magnitude.js';
import { pruneStructured } from '../core/compress/prune-structured.js';
import { quantizeInt8 } from '../core/compress/quantize.js';
import { modelFigures } from '../core/compress/report.js';
import { rowsOf } from '../core/compress/samples.js';
import { currentBackend } from '../core/compress/tf-backend.js';
import { importModel, parseCsv, reshapeFeatures, sliceRows, writeTflite, type Dataset } from '../core/formats/index.js';
import type { Graph } from '../core/model/index.js';
import { fixturePath, loadAnchor, type AnchorFixture } from '../test/support/fixtures.js';
import { chooseOnValidation, DISTILL_SEARCHES } from '../test/support/distill-selection.js';

const json = process.argv.includes('--json');
const log = (m: string): void => { process.stderr.write(`${m}\n`); };
const anchor = loadAnchor();

interface Loaded { f: AnchorFixture; graph: Graph; train: Dataset; val: Dataset; test: Dataset }

async function load(name: string): Promise<Loaded> {
  const f = anchor.fixtures.find((x) => x.name === name)!;
  const d = anchor.datasets[f.dataset];
  const ds = reshapeFeatures(parseCsv(readFileSync(fixturePath(d.file), 'utf8')), f.inputShape.slice(1));
  return { f, graph: await importModel(fixturePath(f.files.keras)), train: sliceRows(ds, ...d.split.train), val: sliceRows(ds, ...d.split.val),
    test: sliceRows(ds, ...d.split.test) };
}

const fixtures = [];
let ptqSeconds = NaN;
for (const f of anchor.fixtures) {
  const m = await load(f.name);
  const floatMetric = (await evaluate(m.graph, m.test)).metric;
  const q = await quantizeInt8(m.graph, rowsOf(m.train, 0, Math.min(f.calibration.first, m.train.rows)));
  if (f.name === 'digits_cnn') ptqSeconds = q.seconds;
  const oursInt8Metric = (await evaluate(q.graph, m.test)).metric;
  const oursBytes = writeTflite(q.graph).byteLength;
  const ok = f.metric === 'rmse' ? oursInt8Metric <= f.converterInt8Metric * 1.05 : oursInt8Metric >= f.converterInt8Metric - 0.003;
  fixtures.push({ name: f.name, metric: f.metric, floatMetric, oursInt8Metric, converterInt8Metric: f.converterInt8Metric, oursBytes,
    converterBytes: f.converterInt8Bytes, calibrationRows: q.calibrationRows, calibrators: q.calibratorUse,
    metricGoalMet: ok, sizeGoalMet: oursBytes <= f.converterInt8Bytes });
  log(`${f.name}: float ${floatMetric.toFixed(4)} ours int8 ${oursInt8Metric.toFixed(4)} converter ${f.converterInt8Metric.toFixed(4)}; ${oursBytes} B vs ${f.converterInt8Bytes} B`);
}

const pruning = [];
{
  const m = await load('digits_cnn');
  const before = modelFigures(m.graph, (await evaluate(m.graph, m.test)).metric);
  const r = await pruneStructured(m.graph, { ratio: 0.5, train: m.train, epochs: 4, learningRate: 0.002, seed: 1, onProgress: (e) => log(`prune: ${e.message}`) });
  const after = modelFigures(r.graph, (await evaluate(r.graph, m.test)).metric);
  pruning.push({ name: 'digits_cnn', method: 'structured:0.5', weightBytesBefore: before.weightBytes, weightBytesAfter: after.weightBytes,
    metricBefore: before.metric, metricAfter: after.metric, macsBefore: before.macs, macsAfter: after.macs,
    activationRamBefore: before.activationRamBytes, activationRamAfter: after.activationRamBytes,
    goalMet: after.weightBytes <= 0.6 * before.weightBytes && after.metric >= before.metric - 0.015 });
  log(`structured: ${before.weightBytes} → ${after.weightBytes} B, ${before.metric.toFixed(4)} → ${after.metric.toFixed(4)}`);
}
{
  const m = await load('digits_mlp');
  const before = modelFigures(m.graph, (await evaluate(m.graph, m.test)).metric);
  const r = await pruneMagnitude(m.graph, { sparsity: 0.8, train: m.train, epochs: 10, learningRate: 0.002, seed: 1 });
  const after = modelFigures(r.graph, (await evaluate(r.graph, m.test)).metric);
  pruning.push({ name: 'digits_mlp', method: 'magnitude:0.8', weightBytesBefore: before.weightBytes, weightBytesAfter: after.weightBytes,
    metricBefore: before.metric, metricAfter: after.metric, sparsity: filterSparsity(r.graph),
    zippedBytesBefore: before.zippedWeightBytes, zippedBytesAfter: after.zippedWeightBytes,
    note: 'dense storage: the board saves nothing; zipped bytes show what sparse storage could approach' });
  log(`magnitude: sparsity ${filterSparsity(r.graph).toFixed(3)}, ${before.metric.toFixed(4)} → ${after.metric.toFixed(4)}`);
}

const distillation = [];
// Settings chosen on the validation split (test/support/distill-selection.ts); the test split is evaluated once, after.
for (const search of DISTILL_SEARCHES) {
  const m = await load(search.teacher);
  const t0 = performance.now();
  const sel = await chooseOnValidation(m.graph, m.train, m.val, search, log);
  const seconds = (performance.now() - t0) / 1000;
  const teacher = modelFigures(m.graph, (await evaluate(m.graph, m.test)).metric);
  const student = modelFigures(sel.graph, (await evaluate(sel.graph, m.test)).metric);
  distillation.push({ teacher: search.teacher, student: `${search.teacher} width ${search.width}`, paramsTeacher: teacher.params,
    paramsStudent: student.params, metricTeacher: teacher.metric, metricStudent: student.metric,
    chosenBy: 'validation accuracy', chosenSetting: sel.chosen, chosenValMetric: sel.valMetric, chosenTestMetric: student.metric,
    teacherValMetric: (await evaluate(m.graph, m.val)).metric, candidates: sel.tried,
    split: { train: m.train.rows, val: m.val.rows, test: m.test.rows }, temperature: search.temperature, seed: search.seed,
    backend: sel.backend, seconds, goalMet: teacher.params >= 4 * student.params && student.metric >= teacher.metric - 0.02 });
  log(`distill ${search.teacher}: chose ${JSON.stringify(sel.chosen)} (validation ${sel.valMetric.toFixed(4)}), test ${student.metric.toFixed(4)}`);
}

const result = { fixtures, pruning, distillation, ptqSeconds, ptqGoalMet: ptqSeconds < 5, backend: currentBackend() };
if (json) console.log(JSON.stringify(result, null, 1));
else {
  console.table(fixtures.map(({ calibrators: _c, ...f }) => f));
  console.table(pruning);
  console.table(distillation.map(({ candidates: _c, chosenSetting, ...d }) => ({ ...d, chosenSetting: JSON.stringify(chosenSetting) })));
  console.log(`PTQ of digits_cnn (500 calibration rows): ${ptqSeconds.toFixed(2)} s on ${currentBackend()}`);
}
