// Simulated boards: start one, and it shows up in the port list as "Arduino Uno (simulated)" or "Cortex-M4F (simulated)".
import { ErrorCode, TinyDeployError } from '../../api/index.js';
import { startQemuM4f } from './qemu-m4f.js';
import { advertise } from './advertised.js';
import { register } from './registry.js';
import { startSimavrUno } from './simavr-uno.js';
import type { VirtualBoard, VirtualBoardOptions } from './types.js';

export { listVirtualBoards, stopAllVirtualBoards } from './registry.js';
export { findVboardInstall, vboardDir } from './vboard-install.js';
export { listAdvertisedBoards, type AdvertisedBoard } from './advertised.js';
export { VIRTUAL_BOARD_LABELS, type VirtualBoard, type VirtualBoardKind, type VirtualBoardLabel, type VirtualBoardOptions } from './types.js';

/** Starts a simulated board and resolves once its pty can be opened. */
export async function startVirtualBoard(opts: VirtualBoardOptions): Promise<VirtualBoard> {
  let board: VirtualBoard;
  switch (opts.kind) {
    case 'uno':
      board = await startSimavrUno(opts);
      break;
    case 'cortex-m4f':
      board = await startQemuM4f(opts);
      break;
    default:
      throw new TinyDeployError(ErrorCode.InvalidArgument, `Unknown simulated board "${String(opts.kind)}"`, {
        advice: "Choose 'uno' or 'cortex-m4f'.",
      });
  }
  register(board);
  advertise(board);
  return board;
}
