// The board catalog and its lookups: by id, by FQBN (as arduino-cli reports it) and by USB vendor/product id.
import { AVR_BOARDS } from './avr.js';
import { ESP32_BOARDS } from './esp32.js';
import { MBED_BOARDS } from './mbed.js';
import { SEEED_NRF52_BOARDS } from './seeed-nrf52.js';
import { SIMULATED_BOARDS } from './simulated.js';
import type { BoardSpec, UsbId } from './types.js';

export const BOARDS: readonly BoardSpec[] = [
  ...AVR_BOARDS,
  ...MBED_BOARDS,
  ...ESP32_BOARDS,
  ...SEEED_NRF52_BOARDS,
  ...SIMULATED_BOARDS,
];

export function boardById(id: string): BoardSpec | undefined {
  return BOARDS.find((b) => b.id === id);
}

/** "arduino:avr:nano:cpu=atmega328" → "arduino:avr:nano": board options do not change which board it is. */
export function baseFqbn(fqbn: string): string {
  return fqbn.split(':').slice(0, 3).join(':');
}

/** Every entry built with this FQBN: the entry that owns it first, then its twins (Rev2, Sense, simulated). */
export function boardsForFqbn(fqbn: string): BoardSpec[] {
  const base = baseFqbn(fqbn.trim());
  const matches = BOARDS.filter((b) => b.fqbn !== null && baseFqbn(b.fqbn) === base);
  return [...matches.filter((b) => !b.sameBuildAs), ...matches.filter((b) => b.sameBuildAs)];
}

/** The entry that owns this FQBN (never a twin), or undefined for a board the catalog does not know. */
export function boardForFqbn(fqbn: string): BoardSpec | undefined {
  return boardsForFqbn(fqbn).find((b) => !b.sameBuildAs);
}

/** "0x2341", "2341", "0X2341", 0x2341 → "2341"; null when it is not a 16-bit hex number. */
export function normalizeUsbHex(value: string | number): string | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= 0xffff ? value.toString(16).padStart(4, '0') : null;
  }
  const m = /^(?:0x)?([0-9a-f]{1,4})$/i.exec(value.trim());
  return m ? m[1]!.toLowerCase().padStart(4, '0') : null;
}

export interface UsbMatch {
  /** The entry that owns the id (for twins that USB cannot tell apart, the first of them). */
  readonly board: BoardSpec;
  /** The owner and every entry that shares its FQBN: the student picks among them when there are several. */
  readonly candidates: readonly BoardSpec[];
  readonly usb: UsbId;
  /** False for a vendor-generic id (a USB-serial bridge, a ROM loader): the board is a guess. */
  readonly certain: boolean;
}

/** The board behind a USB vendor/product id, or undefined when the catalog does not know it. */
export function boardForUsbId(vid: string | number, pid: string | number): UsbMatch | undefined {
  const v = normalizeUsbHex(vid);
  const p = normalizeUsbHex(pid);
  if (v === null || p === null) return undefined;
  const hits: { board: BoardSpec; usb: UsbId }[] = [];
  for (const board of BOARDS) {
    if (board.sameBuildAs) continue;
    for (const usb of board.usb) if (usb.vid === v && usb.pid === p) hits.push({ board, usb });
  }
  const best = hits.find((h) => !h.usb.generic) ?? hits[0];
  if (!best) return undefined;
  const candidates = best.board.fqbn ? boardsForFqbn(best.board.fqbn).filter((b) => !b.simulated) : [best.board];
  return { board: best.board, candidates, usb: best.usb, certain: !best.usb.generic && hits.length === 1 };
}
