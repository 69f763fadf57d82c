// SerialTransport over the `serialport` package: the only file that touches it. Errors never escape as
// unhandled 'error' events (on a pty, modem-line ioctls fail with "Inappropriate ioctl for device").
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { portOpenError } from './port-errors.js';
import { DEFAULT_BAUD_RATE, type SerialOpenOptions, type SerialTransport } from './transport.js';

class SerialPortTransport extends EventEmitter implements SerialTransport {
  readonly path: string;
  readonly baudRate: number;
  private port: SerialPort | undefined;
  private closing = false;

  constructor(opts: SerialOpenOptions) {
    super();
    this.path = opts.path;
    this.baudRate = opts.baudRate ?? DEFAULT_BAUD_RATE;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  open(): Promise<void> {
    if (this.port?.isOpen) return Promise.resolve();
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false, lock: true });
    // Always listening: a late error (ioctl on a pty, unplug) must not crash the process.
    port.on('error', (err: Error) => this.emit('portError', err));
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    // A hung-up tty (a pty whose board process ended, some USB unplugs) reads 0 bytes: serialport ends the stream
    // but keeps the port open, so nothing would ever say the board went away. Close it: 'close' below says why.
    port.on('end', () => {
      if (!this.closing && port.isOpen) port.close(() => undefined);
    });
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      const unasked = !this.closing;
      this.port = undefined;
      this.closing = false;
      const reason = unasked
        ? new TinyDeployError(ErrorCode.PortNotFound, `Serial port ${this.path} went away`, {
            cause: err ?? undefined,
            advice: 'The board was unplugged or reset into another mode; plug it in again and reopen the port.',
          })
        : null;
      this.emit('close', reason);
    });
    this.closing = false;
    return new Promise((resolve, reject) => {
      port.open((err) => {
        if (err) {
          reject(portOpenError(this.path, err));
          return;
        }
        this.port = port;
        resolve();
      });
    });
  }

  write(data: Uint8Array | string): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) {
      return Promise.reject(new TinyDeployError(ErrorCode.PortNotFound, `Serial port ${this.path} is not open`, {
        advice: 'Open the port (connect to the board) before sending to it.',
      }));
    }
    return new Promise((resolve, reject) => {
      port.write(typeof data === 'string' ? data : Buffer.from(data), (err) => {
        if (err) reject(portOpenError(this.path, err));
        else port.drain(() => resolve());
      });
    });
  }

  close(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve();
    this.closing = true;
    return new Promise((resolve) => {
      port.close(() => resolve());
    });
  }
}

/** A transport for a real port or a virtual board's pty; call open() on it. */
export function createSerialTransport(opts: SerialOpenOptions): SerialTransport {
  return new SerialPortTransport(opts);
}

/** Creates and opens a transport in one step. */
export async function openSerialTransport(opts: SerialOpenOptions): Promise<SerialTransport> {
  const t = createSerialTransport(opts);
  await t.open();
  return t;
}

/** A port the operating system reports, as `serialport` describes it (hex ids without 0x). */
export interface SystemPortInfo {
  readonly path: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  readonly vendorId?: string;
  readonly productId?: string;
}

/** The OS's serial ports. On Linux this runs udevadm (package udev); it rejects when udevadm is missing. */
export async function listSystemPorts(): Promise<SystemPortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(p.vendorId ? { vendorId: p.vendorId } : {}),
    ...(p.productId ? { productId: p.productId } : {}),
  }));
}
