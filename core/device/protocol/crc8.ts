// CRC-8/SMBUS (poly 0x07, init 0, no reflection, no final xor): the checksum of every protocol line.
const TABLE = (() => {
  const t = new Uint8Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let i = 0; i < 8; i++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    t[n] = c;
  }
  return t;
})();

/** CRC-8 of a line body; the body is ASCII, so each UTF-16 unit is one byte. */
export function crc8(text: string): number {
  let crc = 0;
  for (let i = 0; i < text.length; i++) crc = TABLE[(crc ^ text.charCodeAt(i)) & 0xff];
  return crc;
}

/** The two upper-case hex digits written after ` *`. */
export function crc8Hex(text: string): string {
  return crc8(text).toString(16).toUpperCase().padStart(2, '0');
}
