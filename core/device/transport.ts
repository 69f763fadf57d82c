// The one interface the rest of the app uses to talk to a board; only serialport-transport.ts touches `serialport`.
import type { TinyDeployError } from '../api/index.js';

export interface SerialOpenOptions {
  /** /dev/ttyACM0, COM3, or a virtual board's pty. */
  readonly path: string;
  /** 115200 unless the firmware says otherwise. */
  readonly baudRate?: number;
}

export interface SerialTransport {
  readonly path: string;
  readonly baudRate: number;
  readonly isOpen: boolean;
  /** Rejects with PortNotFound, PortBusy or PortPermission (TinyDeployError) when the port cannot be opened. */
  open(): Promise<void>;
  write(data: Uint8Array | string): Promise<void>;
  /** Resolves once the port is closed; closing a closed port is a no-op. */
  close(): Promise<void>;
  /** Raw bytes as they arrive; pipe them through a LineReader for lines. */
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  /** The port closed: err is set when it went away unasked (unplugged, board process ended). */
  on(event: 'close', listener: (err: TinyDeployError | null) => void): this;
  off(event: 'data', listener: (chunk: Buffer) => void): this;
  off(event: 'close', listener: (err: TinyDeployError | null) => void): this;
}

export const DEFAULT_BAUD_RATE = 115_200;
