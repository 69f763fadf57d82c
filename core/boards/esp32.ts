// ESP32-S3 boards (Arduino's and Espressif's esp32 cores; flash is the app partition of the default scheme).
import type { BoardSpec } from './types.js';

const ESP32S3 = {
  mcu: 'ESP32-S3',
  arch: 'xtensa-lx7',
  clockHz: 240_000_000,
  fpu: 'sp',
  // 512 KB SRAM on chip; the core's maximum_data_size counts what is left for a sketch's static data.
  ramBytes: 327_680,
  freeRam: 'esp-heap-caps',
  simulated: false,
} as const;

const xiaoS3 = {
  ...ESP32S3,
  fqbn: 'esp32:esp32:XIAO_ESP32S3',
  core: 'esp32:esp32',
  flashBytes: 3_342_336,
  extraRamBytes: 8_388_608,
  usb: [
    { vid: '2886', pid: '0056', mode: 'sketch' },
    // Before the first upload, or in download mode, the chip's own USB-serial-JTAG shows Espressif's id.
    { vid: '303a', pid: '1001', mode: 'rom', generic: true },
  ],
  upload: {
    touch1200bps: false,
    waitForUploadPort: false,
    tool: 'esptool',
    recovery: 'Hold the BOOT button while you plug the board in (or press RESET with BOOT held); then upload again.',
  },
} as const;

export const ESP32_BOARDS: readonly BoardSpec[] = [
  {
    ...ESP32S3,
    id: 'nano-esp32',
    name: 'Arduino Nano ESP32',
    fqbn: 'arduino:esp32:nano_nora',
    core: 'arduino:esp32',
    flashBytes: 3_145_728,
    extraRamBytes: 8_388_608,
    sensors: [],
    usb: [{ vid: '2341', pid: '0070', mode: 'sketch' }],
    upload: {
      touch1200bps: true,
      waitForUploadPort: true,
      tool: 'dfu-util',
      recovery: 'Double-tap the reset button (the RGB LED fades green in the bootloader); then upload again.',
    },
    notes: ['Pin numbers follow the Arduino Nano layout (D0–D13), not the ESP32-S3 GPIO numbers, by default.'],
  },
  {
    ...xiaoS3,
    id: 'xiao-esp32s3',
    name: 'Seeed XIAO ESP32S3',
    sensors: [],
    notes: ['Enable "USB CDC On Boot" for Serial to reach the USB port.'],
  },
  {
    ...xiaoS3,
    id: 'xiao-esp32s3-sense',
    name: 'Seeed XIAO ESP32S3 Sense',
    sameBuildAs: 'xiao-esp32s3',
    sensors: [
      { kind: 'camera', part: 'OV2640', library: 'esp32-camera', onAccessory: true },
      { kind: 'microphone', part: 'MSM261D3526H1CPM', library: 'ESP_I2S', onAccessory: true },
    ],
    notes: [
      'The camera and microphone sit on the Sense expansion board; the camera needs PSRAM enabled (OPI PSRAM).',
    ],
  },
];
