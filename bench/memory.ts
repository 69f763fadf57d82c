// Native backend memory against TFLite Micro, measured in one run: our planned RAM, TFLM's x86-64
// arena_used_bytes (the PyPI interpreter, as in bench/anchors/tflm.json), its i386 arena (anchor), the no-overlap
// peak (noOverlapPeakBytes: TFLM's layer-by-layer figure), and the flash the model adds on a Cortex-M4F beyond its
// weights. `npm run bench:memory -- --json`.
//
// ramBytes is read off the linked Cortex-M4F firmware: the RAM symbols (data, bss) it has beyond the same firmware
// without a model, except the firmware's own input/output buffers.
//
// Flash beyond the weights (filters, biases) is measured at -Os, the level the Nano 33 BLE's Arduino core compiles
// sketches with (ArduinoCore-mbed variants/ARDUINO_NANO33BLE/cflags.txt), and again at -O2 (…O2 fields, the level
// of the simulated-board firmware bench:cycles times). codeBytesCortexM4 is text minus the same firmware without a
// model, minus weights and the per-channel requantization constants (multipliers, shifts: the model's quantization
// scales in their on-device form; TFLM's anchor likewise subtracts the whole model file, scales included);
// codeAndConstantBytesCortexM4 counts those constants as code, for the stricter reading. The same model generated
// with every table plain (int32 multiplier + int8 shift per channel, the layout before packing) is the anchor:
// codeAndConstantRatioVsPlain compares against it; ...PackedCortexM4 packs every table (smallest, slowest).
// requantBitsPerChannel is what the default layout stores per output channel (plain: 40); a packed channel of a
// layer whose input and output scales are equal needs the 23 mantissa bits of its float32 filter scale plus its
// exponent's offset, so ~25 bits is the floor for constants that reproduce TFLM's bit for bit.
// codeAndConstantGoal states issue 8's goal (person_detect ≤ 12,288 B at -Os) and whether this run meets it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../test/support/tools.js';
import { tflmArena } from '../test/support/tflm.js';
import { buildModelFirmware } from '../test/support/firmware.js';
import { generateNativeModel, type RequantLayoutChoice } from '../core/codegen/index.js';
import type { OptimizeLevel } from '../core/toolchain/bare-metal.js';
import { int8Models, type BenchModel } from './support/int8-models.js';
import { printRows } from './support/print-rows.js';

const ANCHOR = path.resolve(REPO_ROOT, '..', 'shared', 'anchors', 'tflm-arena.json');

interface Anchor { models: Record<string, { i386: { arena: number } }> }

/** Issue 8's goal: person_detect's code with its requantization constants, beyond weights, on the Cortex-M4F (-Os). */
const GOAL = { model: 'person_detect', maxCodeAndConstantBytes: 12_288 };

/** Name → size of every symbol in RAM (.data/.bss) of an ELF. */
function ramSymbols(elf: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of execFileSync('arm-none-eabi-nm', ['-S', elf], { encoding: 'utf8' }).split('\n')) {
    const m = /^[0-9a-f]+ ([0-9a-f]+) [bBdD] (\S+)$/.exec(line.trim());
    if (m) out.set(m[2]!, parseInt(m[1]!, 16));
  }
  return out;
}

/** The same firmware for the ATmega328P: flash (text + data) and static RAM (data + bss); null when it does not link. */
async function avrFit(native: BenchModel['native'], prefix: string): Promise<{ avrFlashBytes: number | null; avrStaticRamBytes: number | null }> {
  try {
    const { size } = await buildModelFirmware('avr', native, prefix);
    return { avrFlashBytes: size.text + size.data, avrStaticRamBytes: size.data + size.bss };
  } catch {
    return { avrFlashBytes: null, avrStaticRamBytes: null };
  }
}

/** What an Arduino core for a Cortex-M4F compiles sketches with (see the header). */
const BOARD_OPT = 's' as const satisfies OptimizeLevel;

async function main(): Promise<void> {
  const models = int8Models();
  const anchor = JSON.parse(readFileSync(ANCHOR, 'utf8')) as Anchor;
  const tflm = Object.fromEntries(models.map((m) => [m.path, tflmArena(m.path).arena]));
  const baseFw = await buildModelFirmware('mps2', undefined, 'bench', '2');
  const baseText = { s: (await buildModelFirmware('mps2', undefined, 'bench', 's')).size.text, 2: baseFw.size.text };
  const baseSyms = ramSymbols(baseFw.elf);
  const rows = [];
  for (const m of models) {
    const r = m.native.report;
    const fw = await buildModelFirmware('mps2', m.native, m.prefix, '2');
    const i386 = anchor.models[m.file]?.i386.arena ?? null;
    const ramBytes = [...ramSymbols(fw.elf)].filter(([name]) => !baseSyms.has(name)).reduce((s, [, n]) => s + n, 0);
    // Text beyond the baseline and the weights at one -O level, for the default model or one with every table in one layout.
    const codeAndConstants = async (opt: 's' | '2', requantLayout?: RequantLayoutChoice): Promise<number> => {
      const native = requantLayout ? generateNativeModel(m.graph, { prefix: m.prefix, requantLayout }) : m.native;
      return (await buildModelFirmware('mps2', native, m.prefix, opt)).size.text - native.report.weightBytes - baseText[opt];
    };
    const codeAndConstantBytes = await codeAndConstants(BOARD_OPT);
    const plain = await codeAndConstants(BOARD_OPT, 'plain');
    const name = m.file.replace(/\.tflite$/, '');
    rows.push({
      model: name,
      activationBytes: r.activationBytes,
      ramBytes,
      tflmArenaBytes: tflm[m.path] ?? null,
      tflmArenaBytesI386: i386,
      ratio: i386 ? Number((ramBytes / i386).toFixed(3)) : null,
      noOverlapPeakBytes: r.noOverlapPeakBytes,
      weightBytes: r.weightBytes,
      constantBytes: r.constantBytes,
      requantBitsPerChannel: r.requantChannels > 0 ? Number(((r.constantBytes * 8) / r.requantChannels).toFixed(1)) : null,
      codeBytesCortexM4: codeAndConstantBytes - r.constantBytes,
      codeAndConstantBytesCortexM4: codeAndConstantBytes,
      codeAndConstantBytesPlainCortexM4: plain,
      codeAndConstantBytesPackedCortexM4: await codeAndConstants(BOARD_OPT, 'packed'),
      codeAndConstantRatioVsPlain: Number((codeAndConstantBytes / plain).toFixed(3)),
      codeAndConstantBytesCortexM4O2: fw.size.text - r.weightBytes - baseText[2],
      codeAndConstantBytesPlainCortexM4O2: await codeAndConstants('2', 'plain'),
      codeAndConstantGoal: name === GOAL.model
        ? `<= ${GOAL.maxCodeAndConstantBytes} B: ${codeAndConstantBytes <= GOAL.maxCodeAndConstantBytes ? 'holds' : `does not hold (${codeAndConstantBytes - GOAL.maxCodeAndConstantBytes} B over)`}`
        : null,
      plannedRamBytes: r.ramBytes,
      ...(await avrFit(m.native, m.prefix)),
    });
  }
  printRows(rows);
}

await main();
