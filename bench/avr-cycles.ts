// CPU cycles per inference of the generated C on the simulated ATmega328P (simavr, 16 MHz; Timer1 counts cycles in
// the test firmware), with the kernels' AVR fast path against the same kernels built as generic C (-DTD_PORTABLE_C)
// in the same run as the anchor: hello_world (the Uno's streaming model) and a fuzzed per-channel convolution.
// Outputs are checked against core/runtime on every input. `npm run bench:avr-cycles -- --json`.
import { readFileSync } from 'node:fs';
import { generateNativeModel } from '../core/codegen/index.js';
import type { Graph } from '../core/model/index.js';
import { readTflite } from '../core/formats/tflite/index.js';
import { startVirtualBoard } from '../core/device/virtual/index.js';
import { mulberry32 } from '../test/support/random.js';
import { sharedModel } from '../test/support/tools.js';
import { ModelBoardClient } from '../test/support/board-client.js';
import { buildModelFirmware } from '../test/support/firmware.js';
import { referenceBatch } from '../test/support/reference.js';
import { randomGraph } from '../test/support/random-graphs.js';
import { printRows } from './support/print-rows.js';

const UNO_HZ = 16_000_000;
const RUNS = 8;

/** Mean cycles per inference over RUNS random inputs; throws if an output differs from core/runtime's. */
async function measure(graph: Graph, portable: boolean): Promise<{ cycles: number; flash: number }> {
  const fw = await buildModelFirmware('avr', generateNativeModel(graph, { prefix: 'mcu' }), 'mcu', undefined, portable ? { TD_PORTABLE_C: true } : {});
  const board = await startVirtualBoard({ kind: 'uno', firmware: fw.hex!, unthrottled: true });
  try {
    const { client, inputSize, outputSize } = await ModelBoardClient.connect(board.port);
    const batch = referenceBatch(graph, RUNS, 7);
    let total = 0;
    try {
      for (let r = 0; r < RUNS; r++) {
        const got = await client.infer(batch.inputs.subarray(r * inputSize, (r + 1) * inputSize));
        const want = batch.expected.subarray(r * outputSize, (r + 1) * outputSize);
        if (Buffer.compare(Buffer.from(got.output), Buffer.from(want)) !== 0) throw new Error(`output ${r} differs from core/runtime`);
        total += got.ticks;
      }
    } finally {
      await client.close();
    }
    return { cycles: Math.round(total / RUNS), flash: fw.size.text + fw.size.data };
  } finally {
    await board.stop();
  }
}

function fuzzedConv(): Graph {
  return randomGraph('CONV_2D', 5, mulberry32(77));
}

async function main(): Promise<void> {
  const models: Array<[string, Graph]> = [
    ['hello_world_int8', readTflite(readFileSync(sharedModel('hello_world_int8.tflite')))],
    ['fuzzed CONV_2D (seed 5)', fuzzedConv()],
  ];
  const rows = [];
  for (const [name, graph] of models) {
    const fast = await measure(graph, false);
    const portable = await measure(graph, true);
    rows.push({
      model: name,
      cyclesPerInference: fast.cycles,
      microseconds: Math.round((fast.cycles * 1e6) / UNO_HZ),
      portableCCycles: portable.cycles,
      ratioVsPortableC: Number((fast.cycles / portable.cycles).toFixed(3)),
      flashBytes: fast.flash,
      portableCFlashBytes: portable.flash,
    });
  }
  printRows(rows);
}

await main();
