// Generated C on simulated MCUs: hello_world, magic_wand and micro_speech on the Cortex-M4F (QEMU mps2-an386),
// hello_world on the ATmega328P (simavr); inputs go over the UART and the outputs equal core/runtime's. Packed
// requantization tables run on both (magic_wand on the M4F, fuzzed per-channel convolutions on the Uno: PROGMEM).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateNativeModel, type RequantLayoutChoice } from '../../core/codegen/index.js';
import type { Graph } from '../../core/model/index.js';
import { packedConvGraph } from '../support/random-graphs.js';
import { startVirtualBoard, type VirtualBoard, type VirtualBoardKind } from '../../core/device/virtual/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { vboardDir } from '../../core/device/virtual/vboard-install.js';
import { fileExists, onPath, sharedModel, tierAvailable } from '../support/tools.js';
import { ModelBoardClient } from '../support/board-client.js';
import { buildModelFirmware, type FirmwareKind } from '../support/firmware.js';
import { referenceBatch } from '../support/reference.js';

const run = tierAvailable('native-mcu', [onPath('arm-none-eabi-gcc'), onPath('qemu-system-arm'), onPath('avr-gcc'),
  fileExists('the simulated Uno (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard'))]);

// Inputs cross the UART as hex at a few KB/s under QEMU, so the larger models send fewer of them.
const CASES: Array<{ model: string; kind: FirmwareKind; board: VirtualBoardKind; runs: number; layout?: RequantLayoutChoice; graph?: () => Graph }> = [
  { model: 'hello_world_int8', kind: 'mps2', board: 'cortex-m4f', runs: 30 },
  { model: 'magic_wand_int8', kind: 'mps2', board: 'cortex-m4f', runs: 6 },
  { model: 'magic_wand_int8', kind: 'mps2', board: 'cortex-m4f', runs: 3, layout: 'packed' },
  { model: 'micro_speech_quantized', kind: 'mps2', board: 'cortex-m4f', runs: 10 },
  { model: 'hello_world_int8', kind: 'avr', board: 'uno', runs: 30 },
  { model: 'fuzzed CONV_2D', kind: 'avr', board: 'uno', runs: 10, layout: 'packed', graph: () => packedConvGraph() },
];


describe.runIf(run)('generated models on simulated MCUs', () => {
  const boards: VirtualBoard[] = [];
  afterAll(async () => { for (const b of boards) await b.stop(); });

  for (const c of CASES) {
    it(`${c.model}${c.layout ? ` (${c.layout} requantization)` : ''} on the simulated ${c.board}: ${c.runs} inputs over the UART match core/runtime`, async () => {
      const graph = c.graph ? c.graph() : readTflite(readFileSync(sharedModel(`${c.model}.tflite`)));
      const model = generateNativeModel(graph, { prefix: 'mcu', ...(c.layout ? { requantLayout: c.layout } : {}) });
      if (c.layout === 'packed') expect(model.source).toContain('td_requant_packed');
      const fw = await buildModelFirmware(c.kind, model, 'mcu');
      expect(fw.warnings).toBe('');
      const board = await startVirtualBoard({ kind: c.board, firmware: c.kind === 'avr' ? fw.hex! : fw.elf, unthrottled: true });
      boards.push(board);
      const { client, inputSize, outputSize } = await ModelBoardClient.connect(board.port);
      try {
        const batch = referenceBatch(graph, c.runs, 42);
        expect(inputSize * c.runs).toBe(batch.inputs.length);
        for (let r = 0; r < c.runs; r++) {
          const got = await client.infer(batch.inputs.subarray(r * inputSize, (r + 1) * inputSize));
          expect(Array.from(got.output)).toEqual(Array.from(batch.expected.subarray(r * outputSize, (r + 1) * outputSize)));
        }
      } finally {
        await client.close();
        await board.stop();
      }
    });
  }
});
