// Instructions per inference of the generated C on the simulated Cortex-M4F (QEMU mps2-an386, -icount shift=7:
// timer ticks × 40/128 = instructions), against TFLM's reference and CMSIS-NN kernels on the same board
// (../shared/anchors/tflm-cortex-m4.json). `npm run bench:cycles -- --json`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startVirtualBoard } from '../core/device/virtual/index.js';
import { mulberry32, randomInt8 } from '../test/support/random.js';
import { REPO_ROOT } from '../test/support/tools.js';
import { ModelBoardClient } from '../test/native/support/board-client.js';
import { buildModelFirmware } from '../test/native/support/firmware.js';
import { int8Models, printRows } from './native-models.js';

const ANCHOR = path.resolve(REPO_ROOT, '..', 'shared', 'anchors', 'tflm-cortex-m4.json');
type Impl = Record<string, { instructionsPerInference?: number }>;
interface Anchor { models: Record<string, { reference: Impl; cmsisNN: Impl }> }

/** Virtual time per instruction under -icount shift=7 is 128 ns; timer0 ticks at 25 MHz (40 ns). */
const ticksToInstructions = (ticks: number): number => Math.round((ticks * 40) / 128);

async function main(): Promise<void> {
  const anchor = JSON.parse(readFileSync(ANCHOR, 'utf8')) as Anchor;
  const rand = mulberry32(3);
  const rows = [];
  for (const m of int8Models()) {
    const fw = await buildModelFirmware('mps2', m.native, m.prefix, '2');
    const board = await startVirtualBoard({ kind: 'cortex-m4f', firmware: fw.elf, icount: true });
    let counts: number[] = [];
    try {
      const { client, inputSize } = await ModelBoardClient.connect(board.port);
      // One warm-up, then three measured inferences on different random inputs.
      for (let r = 0; r < 4; r++) counts.push(ticksToInstructions((await client.infer(new Uint8Array(randomInt8(rand, inputSize).buffer), 600_000)).ticks));
      await client.close();
      counts = counts.slice(1);
    } finally {
      await board.stop();
    }
    const a = anchor.models[m.file];
    const ref = a?.reference.default?.instructionsPerInference ?? null;
    const cmsis = a?.cmsisNN.O2?.instructionsPerInference ?? null;
    const ours = Math.round(counts.reduce((s, x) => s + x, 0) / counts.length);
    rows.push({
      model: m.file.replace(/\.tflite$/, ''),
      instructionsPerInference: ours,
      minInstructions: Math.min(...counts),
      maxInstructions: Math.max(...counts),
      tflmReferenceInstructions: ref,
      tflmCmsisNNInstructions: cmsis,
      ratioVsTflmReference: ref ? Number((ours / ref).toFixed(3)) : null,
    });
  }
  printRows(rows);
}

await main();
