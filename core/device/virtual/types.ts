// What a running simulated board looks like to the rest of the app, whichever simulator runs it.
export type VirtualBoardKind = 'uno' | 'cortex-m4f';

export const VIRTUAL_BOARD_LABELS = {
  uno: 'Arduino Uno (simulated)',
  'cortex-m4f': 'Cortex-M4F (simulated)',
} as const satisfies Record<VirtualBoardKind, string>;

export type VirtualBoardLabel = (typeof VIRTUAL_BOARD_LABELS)[VirtualBoardKind];

export interface VirtualBoardOptions {
  readonly kind: VirtualBoardKind;
  /** ELF or Intel hex to run. The Uno starts in its bootloader without one; the Cortex-M4F needs one. */
  readonly firmware?: string;
  /** Cortex-M4F only: QEMU -icount shift=7, so timer ticks count instructions reproducibly. */
  readonly icount?: boolean;
  /** Uno only: run as fast as the host allows instead of at 16 MHz real time. */
  readonly unthrottled?: boolean;
  /** How long to wait for the simulator to publish its port (default 15 s). */
  readonly startTimeoutMs?: number;
}

export interface VirtualBoard {
  readonly kind: VirtualBoardKind;
  readonly label: VirtualBoardLabel;
  /** The pty path to open with a SerialTransport, avrdude or arduino-cli (-p). */
  readonly port: string;
  /** The simulator's process id. */
  readonly pid: number;
  /** Resolves when the simulator ends (after stop() or on its own). */
  readonly exited: Promise<void>;
  /** Ends the simulator and waits for it; safe to call twice. */
  stop(): Promise<void>;
  /** Restarts the firmware as the reset button would (the Uno then sits ~1 s in its bootloader). */
  reset(): Promise<void>;
  /** Uno only: simulated CPU cycles since the simulator started (16 per µs of simulated time). */
  readCycles?(): Promise<number>;
}
