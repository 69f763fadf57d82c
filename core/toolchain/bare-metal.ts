// Builds firmware outside arduino-cli: the mps2-an386 Cortex-M4F target for QEMU and plain ATmega328P programs
// for simavr, with the sizes the fit check and the benchmarks need.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { shippedDir } from '../resources.js';
import { parseBerkeleySize, type SectionSizes } from './section-size.js';
import { runCrossTool } from './cross-tool.js';

export type { SectionSizes } from './section-size.js';

/** gcc's -O level: '0' … '3', 's' (size), 'fast'. */
export type OptimizeLevel = '0' | '1' | '2' | '3' | 's' | 'fast';

export interface FirmwareBuildRequest {
  /** C (or assembler) files of the program; the target's own startup and drivers are added for mps2. */
  readonly sources: readonly string[];
  readonly includeDirs?: readonly string[];
  /** Where the ELF goes; its folder is created. */
  readonly outElf: string;
  /** -D macros: `{N: 3}` → -DN=3, `{FLAG: true}` → -DFLAG. */
  readonly defines?: Readonly<Record<string, string | number | boolean>>;
  readonly optimize?: OptimizeLevel;
  /** More compiler flags, e.g. ['-std=c99', '-Wall', '-Werror']. */
  readonly extraFlags?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface FirmwareBuildResult {
  readonly elf: string;
  /** Intel hex next to the ELF (AVR builds only: what avrdude and the bootloader take). */
  readonly hex?: string;
  readonly size: SectionSizes;
  /** The compiler's warnings, if any. */
  readonly warnings: string;
}

/** native/targets/mps2-an386 (the packaged app's copy when packaged): startup code, linker script, drivers. */
export const MPS2_TARGET_DIR = shippedDir('native', 'targets', 'mps2-an386');

/** The Cortex-M4F flags of reference/virtual-boards.md; hard float on the FPv4 single-precision unit. */
export const MPS2_CPU_FLAGS = ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16'] as const;
export const AVR_MCU = 'atmega328p';
export const AVR_F_CPU = 16_000_000;

function defineFlags(defines: FirmwareBuildRequest['defines']): string[] {
  return Object.entries(defines ?? {}).flatMap(([name, value]) => {
    if (value === false) return [];
    return value === true ? [`-D${name}`] : [`-D${name}=${value}`];
  });
}

function commonFlags(req: FirmwareBuildRequest, defaultOpt: OptimizeLevel): string[] {
  return [
    `-O${req.optimize ?? defaultOpt}`,
    '-ffunction-sections',
    '-fdata-sections',
    ...(req.includeDirs ?? []).map((d) => `-I${d}`),
    ...defineFlags(req.defines),
    ...(req.extraFlags ?? []),
  ];
}

/** Compiles and links a program for QEMU's mps2-an386 (Cortex-M4F) with the target's startup and drivers. */
export async function buildMps2Firmware(req: FirmwareBuildRequest): Promise<FirmwareBuildResult> {
  await mkdir(path.dirname(req.outElf), { recursive: true });
  const target = ['startup.c', 'uart.c', 'timer.c'].map((f) => path.join(MPS2_TARGET_DIR, f));
  const args = [
    ...MPS2_CPU_FLAGS,
    ...commonFlags(req, '2'),
    `-I${MPS2_TARGET_DIR}`,
    '-T', path.join(MPS2_TARGET_DIR, 'link.ld'),
    '-Wl,--gc-sections',
    '--specs=nano.specs',
    '--specs=nosys.specs',
    ...target,
    ...req.sources,
    '-lm',
    '-o', req.outElf,
  ];
  const out = await runCrossTool('arm-none-eabi-gcc', args, { purpose: 'compile', signal: req.signal, aptPackage: 'gcc-arm-none-eabi libnewlib-arm-none-eabi' });
  return { elf: req.outElf, size: await armSize(req.outElf, req.signal), warnings: out.stderr };
}

/** text/data/bss of an ARM ELF. */
export async function armSize(elf: string, signal?: AbortSignal): Promise<SectionSizes> {
  const out = await runCrossTool('arm-none-eabi-size', [elf], { purpose: 'size', signal, aptPackage: 'binutils-arm-none-eabi' });
  return parseBerkeleySize(out.stdout);
}

/** Compiles and links a plain ATmega328P program at 16 MHz (no Arduino core) into an ELF and an Intel hex. */
export async function buildAvrFirmware(req: FirmwareBuildRequest): Promise<FirmwareBuildResult> {
  await mkdir(path.dirname(req.outElf), { recursive: true });
  const args = [
    `-mmcu=${AVR_MCU}`,
    `-DF_CPU=${AVR_F_CPU}UL`,
    ...commonFlags(req, 's'),
    '-Wl,--gc-sections',
    ...req.sources,
    '-lm',
    '-o', req.outElf,
  ];
  const out = await runCrossTool('avr-gcc', args, { purpose: 'compile', signal: req.signal, aptPackage: 'gcc-avr avr-libc' });
  const hex = req.outElf.replace(/\.elf$/i, '') + '.hex';
  await runCrossTool('avr-objcopy', ['-O', 'ihex', '-R', '.eeprom', req.outElf, hex], { purpose: 'convert', signal: req.signal, aptPackage: 'binutils-avr' });
  return { elf: req.outElf, hex, size: await avrSize(req.outElf, req.signal), warnings: out.stderr };
}

/** text/data/bss of an AVR ELF: flash used = text + data, RAM used before the stack = data + bss. */
export async function avrSize(elf: string, signal?: AbortSignal): Promise<SectionSizes> {
  const out = await runCrossTool('avr-size', [elf], { purpose: 'size', signal, aptPackage: 'binutils-avr' });
  return parseBerkeleySize(out.stdout);
}
