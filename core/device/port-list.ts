// The port list a student picks from: real serial ports named through the board catalog, plus the simulated
// boards this process runs (ptys never show up in the OS's list).
import { boardForUsbId, SIMULATED_M4F_ID, SIMULATED_UNO_ID } from '../boards/index.js';
import { listSystemPorts, type SystemPortInfo } from './serialport-transport.js';
import { listAdvertisedBoards, type AdvertisedBoard } from './virtual/advertised.js';
import { listVirtualBoards } from './virtual/registry.js';
import type { VirtualBoardKind } from './virtual/types.js';

export interface PortEntry {
  /** What to open or pass to arduino-cli -p: /dev/ttyACM0, COM3, /dev/pts/N. */
  readonly address: string;
  /** For people: "Arduino Uno (simulated)", "Arduino Nano 33 BLE Sense", or the address when unknown. */
  readonly label: string;
  /** The catalog id of the board behind the port, when known. */
  readonly boardId?: string;
  /** False when the USB id is a generic bridge shared by many boards. */
  readonly certain: boolean;
  readonly virtualKind?: VirtualBoardKind;
  readonly vendorId?: string;
  readonly productId?: string;
  readonly serialNumber?: string;
  readonly manufacturer?: string;
}

export interface PortList {
  readonly ports: PortEntry[];
  /** Why the list may be incomplete (udevadm missing, permission), in words a student can act on. */
  readonly warnings: string[];
}

export interface ListPortsOptions {
  /** Source of real ports; tests and front ends may replace it. Defaults to the OS's list. */
  readonly listSystem?: () => Promise<SystemPortInfo[]>;
  /** Simulated boards; defaults to this process's boards plus those other processes announce. */
  readonly virtualBoards?: () => readonly AdvertisedBoard[];
}

const SIMULATED_IDS: Record<VirtualBoardKind, string> = { uno: SIMULATED_UNO_ID, 'cortex-m4f': SIMULATED_M4F_ID };

function systemEntry(p: SystemPortInfo): PortEntry {
  const match = p.vendorId && p.productId ? boardForUsbId(p.vendorId, p.productId) : undefined;
  const usb = {
    ...(p.vendorId ? { vendorId: p.vendorId } : {}),
    ...(p.productId ? { productId: p.productId } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
  };
  if (match) return { address: p.path, label: match.board.name, boardId: match.board.id, certain: match.certain, ...usb };
  return { address: p.path, label: p.manufacturer ? `${p.path} (${p.manufacturer})` : p.path, certain: false, ...usb };
}

function listWarning(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/udevadm|ENOENT/i.test(text)) {
    return 'Real serial ports cannot be listed: udevadm is missing. Install it with: sudo apt-get install udev';
  }
  return `Real serial ports cannot be listed: ${text}`;
}

/** This process's simulated boards, then other processes' (each port once). */
function runningSimulatedBoards(): AdvertisedBoard[] {
  const own: AdvertisedBoard[] = listVirtualBoards();
  const seen = new Set(own.map((b) => b.port));
  return [...own, ...listAdvertisedBoards().filter((b) => !seen.has(b.port))];
}

/** Real ports first, then the simulated boards; never rejects (a failing OS list becomes a warning). */
export async function listPorts(opts: ListPortsOptions = {}): Promise<PortList> {
  const warnings: string[] = [];
  let system: SystemPortInfo[] = [];
  try {
    system = await (opts.listSystem ?? listSystemPorts)();
  } catch (err) {
    warnings.push(listWarning(err));
  }
  const virtual = (opts.virtualBoards ?? runningSimulatedBoards)().map((b): PortEntry => ({
    address: b.port,
    label: b.label,
    boardId: SIMULATED_IDS[b.kind],
    certain: true,
    virtualKind: b.kind,
  }));
  return { ports: [...system.map(systemEntry), ...virtual], warnings };
}
