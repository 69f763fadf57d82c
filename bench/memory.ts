// Native backend memory against TFLite Micro, measured in one run: our planned RAM, TFLM's x86-64
// arena_used_bytes (the PyPI interpreter, as in bench/anchors/tflm.json), its i386 arena (anchor), the layer-by-layer bound, and the code the
// model adds on a Cortex-M4F beyond its weights. `npm run bench:memory -- --json`.
//
// ramBytes is read off the linked Cortex-M4F firmware: the RAM symbols (data, bss) it has beyond the same
// firmware without a model, except the firmware's own input/output buffers. codeBytesCortexM4 is text minus that baseline, minus the weights
// (filters, biases) and the per-channel requantization constants (multipliers, shifts: the model's quantization
// scales in their on-device form; TFLM's anchor likewise subtracts the whole model file, scales included);
// codeAndConstantBytesCortexM4 counts those constants as code, for the stricter reading. The same models generated
// with every requantization table plain (int32 multiplier + int8 shift per channel, the layout before packing) are
// the anchor: codeAndConstantRatioVsPlain compares against them; ...PackedCortexM4 packs every table (smallest, slowest).
// codeAndConstantGoal states issue 8's goal (person_detect ≤ 12,288 B) and whether this run meets it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../test/support/tools.js';
import { tflmArena } from '../test/conformance/tflm.js';
import { buildModelFirmware } from '../test/native/support/firmware.js';
import { generateNativeModel, type RequantLayoutChoice } from '../core/codegen/index.js';
import { int8Models, printRows, type BenchModel } from './native-models.js';

const ANCHOR = path.resolve(REPO_ROOT, '..', 'shared', 'anchors', 'tflm-arena.json');

interface Anchor { models: Record<string, { i386: { arena: number } }> }

/** Issue 8's goal: person_detect's code with its requantization constants, beyond weights, on the Cortex-M4F. */
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

async function main(): Promise<void> {
  const models = int8Models();
  const anchor = JSON.parse(readFileSync(ANCHOR, 'utf8')) as Anchor;
  const tflm = Object.fromEntries(models.map((m) => [m.path, tflmArena(m.path).arena]));
  const baseFw = await buildModelFirmware('mps2', undefined, 'bench');
  const base = baseFw.size;
  const baseElf = baseFw.elf;
  const rows = [];
  for (const m of models) {
    const r = m.native.report;
    const fw = await buildModelFirmware('mps2', m.native, m.prefix);
    const i386 = anchor.models[m.file]?.i386.arena ?? null;
    const baseSyms = ramSymbols(baseElf);
    const ramBytes = [...ramSymbols(fw.elf)].filter(([name]) => !baseSyms.has(name)).reduce((s, [, n]) => s + n, 0);
    // Text beyond the baseline and the weights, for the same model with every table forced to one layout.
    const codeAndConstantsWith = async (requantLayout: RequantLayoutChoice): Promise<number> => {
      const native = generateNativeModel(m.graph, { prefix: m.prefix, requantLayout });
      return (await buildModelFirmware('mps2', native, m.prefix)).size.text - native.report.weightBytes - base.text;
    };
    const codeAndConstantBytes = fw.size.text - r.weightBytes - base.text;
    const plain = await codeAndConstantsWith('plain');
    const name = m.file.replace(/\.tflite$/, '');
    rows.push({
      model: name,
      activationBytes: r.activationBytes,
      ramBytes,
      tflmArenaBytes: tflm[m.path] ?? null,
      tflmArenaBytesI386: i386,
      ratio: i386 ? Number((ramBytes / i386).toFixed(3)) : null,
      lowerBoundBytes: r.lowerBoundBytes,
      weightBytes: r.weightBytes,
      constantBytes: r.constantBytes,
      codeBytesCortexM4: fw.size.text - r.weightBytes - r.constantBytes - base.text,
      codeAndConstantBytesCortexM4: codeAndConstantBytes,
      codeAndConstantBytesPlainCortexM4: plain,
      codeAndConstantBytesPackedCortexM4: await codeAndConstantsWith('packed'),
      codeAndConstantRatioVsPlain: Number((codeAndConstantBytes / plain).toFixed(3)),
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
