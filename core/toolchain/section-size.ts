// Parses the Berkeley table of GNU size (arm-none-eabi-size, avr-size): the flash and RAM a firmware takes.
import { ErrorCode, TinyDeployError } from '../api/index.js';

/** Bytes per Berkeley column: text (code + constants), data (initialised RAM, also in flash), bss (zeroed RAM). */
export interface SectionSizes {
  readonly text: number;
  readonly data: number;
  readonly bss: number;
}

const HEADER = /^\s*text\s+data\s+bss\s+dec\s+hex\s+filename\s*$/;

/** Reads `text data bss dec hex filename` and the first row under it; throws on anything else. */
export function parseBerkeleySize(output: string): SectionSizes {
  const lines = output.split(/\r?\n/);
  const at = lines.findIndex((l) => HEADER.test(l));
  const row = at >= 0 ? lines[at + 1] : undefined;
  const cells = row?.trim().split(/\s+/) ?? [];
  const [text, data, bss, dec] = cells.slice(0, 4).map((c) => (/^\d+$/.test(c) ? Number(c) : NaN));
  if (cells.length < 5 || ![text, data, bss, dec].every(Number.isFinite) || text + data + bss !== dec) {
    throw new TinyDeployError(ErrorCode.Internal, `Unreadable output of the size tool: ${JSON.stringify(output.slice(0, 200))}`, {
      advice: 'Check that binutils for the target (arm-none-eabi-size, avr-size) are installed: run scripts/setup.sh.',
    });
  }
  return { text, data, bss };
}
