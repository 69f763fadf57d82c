// Seeed XIAO nRF52840 boards on Seeed's mbed-enabled nRF52 core (the one its TinyML examples use).
import type { BoardSpec } from './types.js';

const xiaoNrf = {
  core: 'Seeeduino:mbed',
  mcu: 'nRF52840',
  arch: 'cortex-m4f',
  clockHz: 64_000_000,
  fpu: 'sp',
  ramBytes: 262_144,
  flashBytes: 983_040,
  extraRamBytes: 0,
  upload: {
    touch1200bps: true,
    waitForUploadPort: true,
    tool: 'adafruit-nrfutil',
    recovery: 'Double-tap the reset button: the board appears as the USB drive "XIAO-SENSE"; then upload again.',
  },
  freeRam: 'mbed-heap-stats',
  simulated: false,
} as const;

export const SEEED_NRF52_BOARDS: readonly BoardSpec[] = [
  {
    ...xiaoNrf,
    id: 'xiao-nrf52840',
    name: 'Seeed XIAO nRF52840',
    fqbn: 'Seeeduino:mbed:xiaonRF52840',
    sensors: [],
    usb: [
      { vid: '2886', pid: '8044', mode: 'sketch' },
      { vid: '2886', pid: '0044', mode: 'bootloader' },
    ],
    notes: ['2 MB of QSPI flash sit beside the chip; sketches run from the 1 MB internal flash.'],
  },
  {
    ...xiaoNrf,
    id: 'xiao-nrf52840-sense',
    name: 'Seeed XIAO nRF52840 Sense',
    fqbn: 'Seeeduino:mbed:xiaonRF52840Sense',
    sensors: [
      { kind: 'imu', part: 'LSM6DS3TR-C', library: 'Seeed Arduino LSM6DS3' },
      { kind: 'microphone', part: 'MSM261D3526H1CPM', library: 'Seeed Arduino Mic' },
    ],
    usb: [
      { vid: '2886', pid: '8045', mode: 'sketch' },
      { vid: '2886', pid: '0045', mode: 'bootloader' },
    ],
    notes: ['Choose the "mbed-enabled" Seeed core: the non-mbed one lacks the PDM microphone library.'],
  },
];
