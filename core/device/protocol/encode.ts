// Host → board lines, checksummed (docs/protocol.md, "Host → board").
import { crc8Hex } from './crc8.js';

/** Appends ` *CC` and `\r\n` to a line body. */
export function frame(body: string): string {
  return `${body} *${crc8Hex(body)}\r\n`;
}

export const encodeHelloRequest = (): string => frame('@hello?');
export const encodeRamRequest = (): string => frame('@ram?');
export const encodeMode = (mode: 'stream' | 'host'): string => frame(`@mode ${mode}`);

export function encodeRate(periodMs: number): string {
  if (!Number.isInteger(periodMs) || periodMs < 0 || periodMs > 65535) throw new RangeError(`stream period ${periodMs} ms is not an integer in 0..65535`);
  return frame(`@rate ms=${periodMs}`);
}

/** One input vector for `@in`: int8 bytes as two's complement lower-case hex. */
export function encodeInput(id: number, input: Int8Array): string {
  const hex = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('hex');
  return frame(`@in id=${id} q=${hex}`);
}
