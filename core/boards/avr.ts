// AVR boards of the arduino:avr core (figures from its boards.txt: upload.maximum_size / maximum_data_size).
import type { BoardSpec, UploadQuirks } from './types.js';

const AVR_RECOVERY = 'Press the reset button once just before the upload starts; check that the right port is chosen.';

const avrdude = (speed: number, avrdudeProtocol: 'arduino' | 'wiring' = 'arduino'): UploadQuirks => ({
  touch1200bps: false,
  waitForUploadPort: false,
  tool: 'avrdude',
  speed,
  avrdudeProtocol,
  recovery: AVR_RECOVERY,
});

/** The Uno, also the base of its simulated twin (same MCU, memory and build). */
export const UNO: BoardSpec = {
  id: 'uno',
  name: 'Arduino Uno',
  fqbn: 'arduino:avr:uno',
  core: 'arduino:avr',
  mcu: 'ATmega328P',
  arch: 'avr',
  clockHz: 16_000_000,
  fpu: 'none',
  ramBytes: 2048,
  flashBytes: 32_256,
  extraRamBytes: 0,
  sensors: [],
  usb: [
    { vid: '2341', pid: '0043', mode: 'sketch' },
    { vid: '2341', pid: '0001', mode: 'sketch' },
    { vid: '2a03', pid: '0043', mode: 'sketch' },
    { vid: '2341', pid: '0243', mode: 'sketch' },
    { vid: '2341', pid: '006a', mode: 'sketch' },
  ],
  upload: avrdude(115_200),
  freeRam: 'avr-heap-gap',
  simulated: false,
  notes: ['Opening the port resets the board (DTR), so a monitor that opens the port restarts the sketch.'],
};

export const AVR_BOARDS: readonly BoardSpec[] = [
  UNO,
  {
    id: 'nano',
    name: 'Arduino Nano',
    fqbn: 'arduino:avr:nano:cpu=atmega328',
    core: 'arduino:avr',
    mcu: 'ATmega328P',
    arch: 'avr',
    clockHz: 16_000_000,
    fpu: 'none',
    ramBytes: 2048,
    flashBytes: 30_720,
    extraRamBytes: 0,
    sensors: [],
    // The Nano has no USB of its own: an FTDI FT232RL (genuine) or a CH340 (most clones) bridges to its UART.
    usb: [
      { vid: '0403', pid: '6001', mode: 'sketch', generic: true },
      { vid: '1a86', pid: '7523', mode: 'sketch', generic: true },
    ],
    upload: avrdude(115_200),
    freeRam: 'avr-heap-gap',
    simulated: false,
    notes: [
      'Boards sold before 2018 and many clones keep the old bootloader: if the upload times out, choose ' +
        '"ATmega328P (Old Bootloader)" (arduino:avr:nano:cpu=atmega328old, 57600 baud).',
    ],
  },
  {
    id: 'mega2560',
    name: 'Arduino Mega 2560',
    fqbn: 'arduino:avr:mega:cpu=atmega2560',
    core: 'arduino:avr',
    mcu: 'ATmega2560',
    arch: 'avr',
    clockHz: 16_000_000,
    fpu: 'none',
    ramBytes: 8192,
    flashBytes: 253_952,
    extraRamBytes: 0,
    sensors: [],
    usb: [
      { vid: '2341', pid: '0010', mode: 'sketch' },
      { vid: '2341', pid: '0042', mode: 'sketch' },
      { vid: '2a03', pid: '0010', mode: 'sketch' },
      { vid: '2a03', pid: '0042', mode: 'sketch' },
      { vid: '2341', pid: '0210', mode: 'sketch' },
      { vid: '2341', pid: '0242', mode: 'sketch' },
    ],
    upload: avrdude(115_200, 'wiring'),
    freeRam: 'avr-heap-gap',
    simulated: false,
    notes: ['Constant arrays above 64 KB of flash need PROGMEM with far pointers (pgm_read_byte_far).'],
  },
];
