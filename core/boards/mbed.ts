// Boards of Arduino's Mbed OS cores (figures from ArduinoCore-mbed's boards.txt and the boards' datasheets).
import type { BoardSpec, Sensor, UploadQuirks } from './types.js';

const DOUBLE_TAP = 'Double-tap the reset button: the orange LED pulses while the bootloader waits; then upload again.';

const bossac: UploadQuirks = { touch1200bps: true, waitForUploadPort: true, tool: 'bossac', recovery: DOUBLE_TAP };
const dfu: UploadQuirks = { touch1200bps: true, waitForUploadPort: true, tool: 'dfu-util', recovery: DOUBLE_TAP };

const nano33Common = {
  fqbn: 'arduino:mbed_nano:nano33ble',
  core: 'arduino:mbed_nano',
  mcu: 'nRF52840',
  arch: 'cortex-m4f',
  clockHz: 64_000_000,
  fpu: 'sp',
  ramBytes: 262_144,
  flashBytes: 983_040,
  extraRamBytes: 0,
  usb: [
    { vid: '2341', pid: '805a', mode: 'sketch' },
    { vid: '2341', pid: '005a', mode: 'bootloader' },
    { vid: '2341', pid: '015a', mode: 'sketch' },
    { vid: '2341', pid: '025a', mode: 'sketch' },
  ],
  upload: bossac,
  freeRam: 'mbed-heap-stats',
  simulated: false,
} as const;

const tinyMlKitCamera: Sensor = { kind: 'camera', part: 'OV7675', library: 'Arduino_OV767X', onAccessory: true };

const nano33Shared: readonly Sensor[] = [
  { kind: 'gesture-light', part: 'APDS-9960', library: 'Arduino_APDS9960' },
  { kind: 'pressure', part: 'LPS22HB', library: 'Arduino_LPS22HB' },
  tinyMlKitCamera,
];

export const MBED_BOARDS: readonly BoardSpec[] = [
  {
    ...nano33Common,
    id: 'nano33ble-sense-rev1',
    name: 'Arduino Nano 33 BLE Sense',
    sensors: [
      { kind: 'imu', part: 'LSM9DS1', library: 'Arduino_LSM9DS1' },
      { kind: 'magnetometer', part: 'LSM9DS1', library: 'Arduino_LSM9DS1' },
      { kind: 'microphone', part: 'MP34DT05', library: 'PDM' },
      { kind: 'temperature-humidity', part: 'HTS221', library: 'Arduino_HTS221' },
      ...nano33Shared,
    ],
    notes: [
      'The board of the Arduino Tiny ML Kit; the camera sits on the kit\'s shield.',
      'Rev1 and Rev2 look the same over USB: Rev1 has the LSM9DS1 IMU, Rev2 the BMI270 + BMM150.',
      'The port name changes while the bootloader runs and often between uploads.',
    ],
  },
  {
    ...nano33Common,
    id: 'nano33ble-sense-rev2',
    name: 'Arduino Nano 33 BLE Sense Rev2',
    sameBuildAs: 'nano33ble-sense-rev1',
    sensors: [
      { kind: 'imu', part: 'BMI270', library: 'Arduino_BMI270_BMM150' },
      { kind: 'magnetometer', part: 'BMM150', library: 'Arduino_BMI270_BMM150' },
      { kind: 'microphone', part: 'MP34DT06JTR', library: 'PDM' },
      { kind: 'temperature-humidity', part: 'HS3003', library: 'Arduino_HS300x' },
      ...nano33Shared,
    ],
    notes: [
      'Sketches written for Rev1 (Arduino_LSM9DS1) compile but read no IMU data on Rev2: use Arduino_BMI270_BMM150.',
      'The port name changes while the bootloader runs and often between uploads.',
    ],
  },
  {
    id: 'nano-rp2040-connect',
    name: 'Arduino Nano RP2040 Connect',
    fqbn: 'arduino:mbed_nano:nanorp2040connect',
    core: 'arduino:mbed_nano',
    mcu: 'RP2040',
    arch: 'cortex-m0plus',
    clockHz: 133_000_000,
    fpu: 'none',
    ramBytes: 270_336,
    flashBytes: 16_777_216,
    extraRamBytes: 0,
    sensors: [
      { kind: 'imu', part: 'LSM6DSOX', library: 'Arduino_LSM6DSOX' },
      { kind: 'microphone', part: 'MP34DT06JTR', library: 'PDM' },
    ],
    usb: [
      { vid: '2341', pid: '805e', mode: 'sketch' },
      { vid: '2341', pid: '005e', mode: 'bootloader' },
      { vid: '2341', pid: '015e', mode: 'sketch' },
      { vid: '2341', pid: '025e', mode: 'sketch' },
    ],
    upload: {
      touch1200bps: true,
      waitForUploadPort: false,
      tool: 'picotool',
      recovery: 'Connect the REC pin to GND, press reset once: the board appears as a USB drive; then upload again.',
    },
    freeRam: 'mbed-heap-stats',
    simulated: false,
    notes: ['The RP2040 has no FPU: float models run in software, int8 models are much faster.'],
  },
  {
    id: 'pico',
    name: 'Raspberry Pi Pico',
    fqbn: 'arduino:mbed_rp2040:pico',
    core: 'arduino:mbed_rp2040',
    mcu: 'RP2040',
    arch: 'cortex-m0plus',
    clockHz: 133_000_000,
    fpu: 'none',
    ramBytes: 270_336,
    flashBytes: 2_097_152,
    extraRamBytes: 0,
    sensors: [],
    usb: [
      { vid: '2e8a', pid: '00c0', mode: 'sketch' },
      { vid: '2e8a', pid: '0003', mode: 'rom', generic: true },
    ],
    upload: {
      touch1200bps: true,
      waitForUploadPort: false,
      tool: 'picotool',
      recovery: 'Hold the BOOTSEL button while plugging the Pico in: it appears as a USB drive; then upload again.',
    },
    freeRam: 'mbed-heap-stats',
    simulated: false,
    notes: ['A Pico fresh from the box has no serial port until the first upload: hold BOOTSEL while plugging in.'],
  },
  {
    id: 'portenta-h7',
    name: 'Arduino Portenta H7',
    fqbn: 'arduino:mbed_portenta:envie_m7',
    core: 'arduino:mbed_portenta',
    mcu: 'STM32H747XI (M7 core)',
    arch: 'cortex-m7f',
    clockHz: 480_000_000,
    fpu: 'dp',
    ramBytes: 523_624,
    flashBytes: 786_432,
    extraRamBytes: 8_388_608,
    sensors: [{ kind: 'camera', part: 'HM01B0', library: 'Camera', onAccessory: true }],
    usb: [
      { vid: '2341', pid: '025b', mode: 'sketch' },
      { vid: '2341', pid: '035b', mode: 'bootloader' },
      { vid: '2341', pid: '045b', mode: 'sketch' },
      { vid: '2341', pid: '055b', mode: 'sketch' },
    ],
    upload: dfu,
    freeRam: 'mbed-heap-stats',
    simulated: false,
    notes: ['The flash figure is the M7 share of the default 1 MB + 1 MB split; the camera is on the Vision Shield.'],
  },
  {
    id: 'nicla-vision',
    name: 'Arduino Nicla Vision',
    fqbn: 'arduino:mbed_nicla:nicla_vision',
    core: 'arduino:mbed_nicla',
    mcu: 'STM32H747AII6 (M7 core)',
    arch: 'cortex-m7f',
    clockHz: 480_000_000,
    fpu: 'dp',
    ramBytes: 523_624,
    flashBytes: 1_966_080,
    extraRamBytes: 0,
    sensors: [
      { kind: 'camera', part: 'GC2145', library: 'Camera' },
      { kind: 'imu', part: 'LSM6DSOX', library: 'Arduino_LSM6DSOX' },
      { kind: 'microphone', part: 'MP34DT06JTR', library: 'PDM' },
      { kind: 'distance', part: 'VL53L1X', library: 'VL53L1X' },
    ],
    usb: [
      { vid: '2341', pid: '025f', mode: 'sketch' },
      { vid: '2341', pid: '035f', mode: 'bootloader' },
      { vid: '2341', pid: '045f', mode: 'sketch' },
      { vid: '2341', pid: '055f', mode: 'sketch' },
    ],
    upload: dfu,
    freeRam: 'mbed-heap-stats',
    simulated: false,
    notes: ['Double-tap reset leaves the bootloader waiting (green LED breathing) when an upload cannot find it.'],
  },
];
