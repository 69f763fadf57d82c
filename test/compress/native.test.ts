// Our int8 models go all the way: the native backend compiles them (host gcc) and the C gives core/runtime's bytes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateNativeModel } from '../../core/codegen/index.js';
import { pruneStructured } from '../../core/compress/prune-structured.js';
import { quantizeInt8 } from '../../core/compress/quantize.js';
import { rowsOf } from '../../core/compress/samples.js';
import { readTflite } from '../../core/formats/index.js';
import { fixturePath } from '../support/fixtures.js';
import { buildHostBinary } from '../support/host-build.js';
import { firstDifference, referenceBatch } from '../support/reference.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { fixtureSplits } from './data.js';

const run = tierAvailable('native', [onPath('gcc')]);

describe.runIf(run)('int8 models from PTQ on the native backend (host gcc)', () => {
  it('the quantized and the pruned+quantized digits CNN compile and match core/runtime byte for byte', async () => {
    const { f, train } = fixtureSplits('digits_cnn');
    const float = readTflite(readFileSync(fixturePath(f.files.floatTflite)));
    const calib = rowsOf(train, 0, 200);
    const q = (await quantizeInt8(float, calib)).graph;
    const pq = (await quantizeInt8((await pruneStructured(float, { ratio: 0.5 })).graph, calib)).graph;
    const graphs = [q, pq];
    const bin = buildHostBinary(graphs.map((g, i) => ({ prefix: `c${i}`, model: generateNativeModel(g, { prefix: `c${i}` }) })));
    graphs.forEach((g, i) => {
      const batch = referenceBatch(g, 20, 50 + i);
      expect(firstDifference(bin.run(i, batch.inputs), batch.expected)).toBe(-1);
    });
  });
});
