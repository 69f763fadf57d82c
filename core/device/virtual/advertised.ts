// Simulated boards announce themselves in a per-user folder, so the port list of another TinyDeploy process
// (the CLI's `simulate`, the app's other processes) shows them too.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VIRTUAL_BOARD_LABELS, type VirtualBoard, type VirtualBoardKind, type VirtualBoardLabel } from './types.js';

export interface AdvertisedBoard {
  readonly kind: VirtualBoardKind;
  readonly label: VirtualBoardLabel;
  readonly port: string;
  /** The simulator's process id. */
  readonly pid: number;
}

export function advertDir(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
  return process.env.TINYDEPLOY_VBOARD_ADVERT_DIR ?? path.join(os.tmpdir(), `tinydeploy-vboards-${user}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes the board's entry and removes it when the board ends; failures only cost the cross-process view. */
export function advertise(board: VirtualBoard, dir = advertDir()): void {
  const file = path.join(dir, `${board.pid}.json`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const entry: AdvertisedBoard = { kind: board.kind, label: board.label, port: board.port, pid: board.pid };
    writeFileSync(file, JSON.stringify(entry));
  } catch {
    return;
  }
  void board.exited.then(() => {
    try {
      unlinkSync(file);
    } catch {
      // already removed
    }
  });
}

function parseEntry(text: string): AdvertisedBoard | undefined {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    const kind = o.kind;
    if ((kind !== 'uno' && kind !== 'cortex-m4f') || typeof o.port !== 'string' || !Number.isInteger(o.pid)) return undefined;
    return { kind, label: VIRTUAL_BOARD_LABELS[kind], port: o.port, pid: o.pid as number };
  } catch {
    return undefined;
  }
}

/** Boards announced by any process whose simulator still runs; entries of dead ones are cleaned up. */
export function listAdvertisedBoards(dir = advertDir()): AdvertisedBoard[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: AdvertisedBoard[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let entry: AdvertisedBoard | undefined;
    try {
      entry = parseEntry(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    if (entry && alive(entry.pid)) {
      out.push(entry);
      continue;
    }
    try {
      unlinkSync(file);
    } catch {
      // another process cleaned it first
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}
