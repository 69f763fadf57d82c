// The simulated boards that stand in for hardware (demo mode, tests): simavr's Uno and QEMU's mps2-an386.
import type { BoardSpec } from './types.js';
import { UNO } from './avr.js';

export const SIMULATED_UNO_ID = 'uno-sim';
export const SIMULATED_M4F_ID = 'cortex-m4f-sim';

export const SIMULATED_BOARDS: readonly BoardSpec[] = [
  {
    ...UNO,
    id: SIMULATED_UNO_ID,
    name: 'Arduino Uno (simulated)',
    sameBuildAs: 'uno',
    mcu: 'ATmega328P (simavr)',
    usb: [],
    upload: { ...UNO.upload, recovery: 'Stop and start the simulated board from the port list.' },
    simulated: true,
    notes: [
      'Runs the exact firmware arduino-cli built, uploaded through optiboot over a pseudo-terminal.',
      'Opening its port resets it, like a real Uno.',
    ],
  },
  {
    id: SIMULATED_M4F_ID,
    name: 'Cortex-M4F (simulated)',
    fqbn: null,
    core: null,
    mcu: 'Cortex-M4F (QEMU mps2-an386)',
    arch: 'cortex-m4f',
    clockHz: 25_000_000,
    fpu: 'sp',
    ramBytes: 4_194_304,
    flashBytes: 4_194_304,
    extraRamBytes: 0,
    sensors: [],
    usb: [],
    upload: {
      touch1200bps: false,
      waitForUploadPort: false,
      tool: 'vboard',
      recovery: 'Stop and start the simulated board from the port list.',
    },
    freeRam: 'newlib-sbrk-gap',
    simulated: true,
    notes: [
      'Built bare metal with arm-none-eabi-gcc (not arduino-cli) and loaded into QEMU directly.',
      'Timing is QEMU\'s, not a real chip\'s: compare builds with instruction counts, not milliseconds.',
    ],
  },
];
