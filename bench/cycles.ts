// Instructions per inference of the generated C on the simulated Cortex-M4F (QEMU mps2-an386, -icount shift=7:
// timer ticks × 40/128 = instructions), against TFLM's reference and CMSIS-NN kernels on the same board
// (../shared/anchors/tflm-cortex-m4.json). `npm run bench:cycles -- --json`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startVirtualBoard } from '../core/device/virtual/index.js';
import { mulberry32, randomInt8 } from '../test/support/random.js';
import { REPO_ROOT } from '../test/support/tools.js';
import { ModelBoardClient } from '../test/support/board-client.js';
import { buildModelFirmware } from '../test/support/firmware.js';
import { int8Models } from './support/int8-models.js';
import { printRows } from './support/print-rows.js';

const ANCHOR = path.resolve(REPO_ROOT, '..', 'shared', 'anchors', 'tflm-cortex-m4.json');
type Impl = Record<string, { instructionsPerInference?: number }>;
interface Anchor { models: Record<string, { reference: Impl; cmsisNN: Impl }> }

/** Virtual time per instruction under -icount shift=7 is 128 ns; timer0 ticks at 25 MHz (40 ns). */
const ticksToInstructions = (ticks: number): number => Math.round((ticks * 40) / 128);

/** Instructions of three inferences (after one warm-up) on a fresh simulated Cortex-M4F under -icount. */
async function measure(elf: string, rand: () => number): Promise<number[]> {
  const board = await startVirtualBoard({ kind: 'cortex-m4f', firmware: elf, icount: true });
  try {
    const { client, inputSize } = await ModelBoardClient.connect(board.port);
    const counts: number[] = [];
    try {
      for (let r = 0; r < 4; r++) counts.push(ticksToInstructions((await client.infer(new Uint8Array(randomInt8(rand, inputSize).buffer), 180_000)).ticks));
    } finally {
      // A port with a stalled write may never finish closing; stopping the board below ends it anyway.
      await Promise.race([client.close(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
    return counts.slice(1);
  } finally {
    await board.stop();
  }
}

async function main(): Promise<void> {
  const anchor = JSON.parse(readFileSync(ANCHOR, 'utf8')) as Anchor;
  const rand = mulberry32(3);
  const rows = [];
  for (const m of int8Models()) {
    const fw = await buildModelFirmware('mps2', m.native, m.prefix, '2');
    let counts: number[] = [];
    // A stalled pty write ends in a timeout, not a hang: the board is restarted once before giving up.
    for (let attempt = 1; counts.length === 0; attempt++) {
      try {
        counts = await measure(fw.elf, rand);
      } catch (err) {
        if (attempt >= 2) throw err;
        console.error(`${m.file}: ${(err as Error).message}; retrying on a fresh board`);
      }
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
