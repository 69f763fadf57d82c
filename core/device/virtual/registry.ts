// The running simulated boards of this process: listed beside real ports, all stopped when the process ends.
import type { VirtualBoard } from './types.js';

const running = new Set<VirtualBoard>();
let hooked = false;

function stopAllSync(): void {
  for (const board of running) {
    try {
      process.kill(board.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

export function register(board: VirtualBoard): void {
  running.add(board);
  void board.exited.then(() => running.delete(board));
  if (!hooked) {
    hooked = true;
    process.once('exit', stopAllSync);
  }
}

/** Boards started by this process that are still running, oldest first. */
export function listVirtualBoards(): VirtualBoard[] {
  return [...running];
}

/** Stops every running simulated board and waits for them. */
export async function stopAllVirtualBoards(): Promise<void> {
  await Promise.all([...running].map((b) => b.stop()));
}
