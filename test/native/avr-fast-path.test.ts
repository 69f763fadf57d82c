// The AVR fast path of native/kernels (td_avr_asm.h: MULS/MULSU dot products, the 8x8-MUL product of
// SaturatingRoundingDoublingHighMul) on the simulated ATmega328P: hello_world on all 256 possible inputs and fuzzed
// FULLY_CONNECTED graphs (random input zero points, depths, multipliers) byte for byte equal to core/runtime, and
// td_srdhm/td_mbqm on the chip equal to the int64 formula on edge and random values (firmware/fixedpoint_selftest.c).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateNativeModel, nativeKernelsDir } from '../../core/codegen/index.js';
import type { Graph } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { startVirtualBoard, type VirtualBoard } from '../../core/device/virtual/index.js';
import { vboardDir } from '../../core/device/virtual/vboard-install.js';
import { mulberry32 } from '../support/random.js';
import { fileExists, onPath, sharedModel, tierAvailable } from '../support/tools.js';
import { buildAvrFirmware } from '../../core/toolchain/bare-metal.js';
import { ModelBoardClient } from '../support/board-client.js';
import { buildModelFirmware, FIRMWARE_DIR } from '../support/firmware.js';
import { STRICT_FLAGS } from '../support/host-build.js';
import { referenceBatch } from '../support/reference.js';
import { randomGraph } from '../support/random-graphs.js';

const run = tierAvailable('native-mcu', [onPath('avr-gcc'),
  fileExists('the simulated Uno (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard'))]);

/** Runs every input of `inputs` (concatenated) on the Uno built around `graph`; returns the concatenated outputs. */
async function runOnUno(graph: Graph, inputs: Uint8Array, boards: VirtualBoard[]): Promise<{ got: Uint8Array; inputSize: number }> {
  const fw = await buildModelFirmware('avr', generateNativeModel(graph, { prefix: 'mcu' }), 'mcu');
  expect(fw.warnings).toBe('');
  const board = await startVirtualBoard({ kind: 'uno', firmware: fw.hex!, unthrottled: true });
  boards.push(board);
  const { client, inputSize, outputSize } = await ModelBoardClient.connect(board.port);
  const runs = inputs.length / inputSize;
  const got = new Uint8Array(runs * outputSize);
  try {
    for (let r = 0; r < runs; r++) got.set((await client.infer(inputs.subarray(r * inputSize, (r + 1) * inputSize))).output, r * outputSize);
  } finally {
    await client.close();
    await board.stop();
  }
  return { got, inputSize };
}

describe.runIf(run)('the AVR fast path on the simulated Uno', () => {
  const boards: VirtualBoard[] = [];
  afterAll(async () => { for (const b of boards) await b.stop(); });

  it('hello_world: all 256 inputs give core/runtime\'s outputs', async () => {
    const graph = readTflite(readFileSync(sharedModel('hello_world_int8.tflite')));
    const interp = createInterpreter(graph);
    const inputs = Int8Array.from({ length: 256 }, (_, i) => i - 128);
    const want = inputs.reduce<number[]>((acc, x) => [...acc, ...(interp.run([Int8Array.of(x)])[0] as Int8Array)], []);
    const { got } = await runOnUno(graph, new Uint8Array(inputs.buffer), boards);
    expect(Array.from(new Int8Array(got.buffer))).toEqual(want);
  });

  it('fuzzed FULLY_CONNECTED graphs: random inputs give core/runtime\'s outputs', async () => {
    const rand = mulberry32(909);
    for (const seed of [3, 14, 27]) {
      const graph = randomGraph('FULLY_CONNECTED', seed, rand);
      const batch = referenceBatch(graph, 12, seed);
      const { got } = await runOnUno(graph, batch.inputs, boards);
      expect({ seed, out: Array.from(got) }).toEqual({ seed, out: Array.from(batch.expected) });
    }
  });

  it('td_srdhm and td_mbqm on the chip equal the int64 formula on edge values and random pairs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'td-fp-selftest-'));
    const fw = await buildAvrFirmware({
      sources: ['model_main.c', 'port_avr.c', 'fixedpoint_selftest.c'].map((f) => path.join(FIRMWARE_DIR, f)),
      includeDirs: [nativeKernelsDir(), FIRMWARE_DIR],
      outElf: path.join(dir, 'selftest.elf'),
      defines: { MODEL_HEADER: `"${path.join(FIRMWARE_DIR, 'fixedpoint_selftest.h')}"` },
      extraFlags: [...STRICT_FLAGS],
    });
    expect(fw.warnings).toBe('');
    const board = await startVirtualBoard({ kind: 'uno', firmware: fw.hex!, unthrottled: true });
    boards.push(board);
    const { client } = await ModelBoardClient.connect(board.port);
    try {
      const rand = mulberry32(2026);
      for (let run = 0; run < 12; run++) {
        const seed = Uint8Array.from({ length: 4 }, () => Math.floor(rand() * 256));
        const got = await client.infer(seed);
        expect({ run, mismatches: Array.from(got.output) }).toEqual({ run, mismatches: [0, 0, 0, 0] });
        // 400 edge pairs and 300 random pairs through libgcc's 64-bit arithmetic take well over 10^5 cycles: it ran.
        expect(got.ticks).toBeGreaterThan(100_000);
      }
    } finally {
      await client.close();
      await board.stop();
    }
  });
});
