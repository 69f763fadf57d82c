// Which source template a board uses for each input source, with its placeholder values and libraries.
import type { BoardSpec } from '../boards/index.js';
import { invalid, type SketchSource } from './options.js';
import { IMU_LIBRARIES, type PinnedLibrary } from './versions.js';

export interface SourcePart {
  readonly template: string;
  readonly values: Record<string, string>;
  /** Libraries to pin in sketch.yaml (and to install in the IDE). */
  readonly libraries: PinnedLibrary[];
  /** How the README names it: "test vectors over serial", "the LSM9DS1 accelerometer", … */
  readonly title: string;
  /** One sentence for the README about what streams. */
  readonly note: string;
}

export interface SourceContext {
  readonly board: BoardSpec;
  readonly inputSize: number;
  readonly prefix: string;
  readonly demoCount: number;
  readonly demoSourceFile: string;
  readonly analogPin: string;
  readonly analogScale: number;
}

function imuPart(ctx: SourceContext): SourcePart {
  if (ctx.inputSize % 3 !== 0) {
    throw invalid(`the IMU source fills x, y, z samples, but the model's input has ${ctx.inputSize} values (not a multiple of 3)`,
      'Use a model whose input is a window of 3-axis samples, or the serial source.');
  }
  const onBoard = ctx.board.sensors.find((s) => s.kind === 'imu' && !s.onAccessory);
  // Boards without an IMU of their own read an LSM6DS3 module on I2C.
  const part = onBoard?.part ?? 'LSM6DS3';
  const lib = IMU_LIBRARIES[part];
  if (!lib) {
    throw invalid(`the ${part} IMU of the ${ctx.board.name} has no template yet`, 'Use the serial or analog source on this board.');
  }
  const where = onBoard ? `the ${ctx.board.name}'s ${part}` : `an ${part} module on I2C`;
  return {
    template: lib.api === 'seeed' ? 'source/imu-seeed.ino' : 'source/imu.ino',
    values: { IMU_PART: part, IMU_LIBRARY: `${lib.name} ${lib.version}`, IMU_HEADER: lib.header },
    libraries: [lib],
    title: `accelerometer windows from ${where}`,
    note: `While streaming, the window holds the last ${ctx.inputSize / 3} accelerometer samples.`,
  };
}

function micPart(ctx: SourceContext): SourcePart {
  const mic = ctx.board.sensors.find((s) => s.kind === 'microphone');
  if (!mic || mic.library !== 'PDM') {
    throw invalid(`the ${ctx.board.name} has no microphone on the PDM library${mic ? ` (its ${mic.part} uses ${mic.library ?? 'another library'})` : ''}`,
      'Use a Nano 33 BLE Sense, a Nano RP2040 Connect or a Nicla Vision for the microphone source, or the serial source here.');
  }
  return {
    // PDM ships with the Mbed OS cores: nothing to pin besides the core.
    template: 'source/mic-pdm.ino',
    values: { MIC_PART: mic.part },
    libraries: [],
    title: `log-energy features of the ${mic.part} microphone`,
    note: `While streaming, the window holds the log energy of the last ${ctx.inputSize} blocks of 16 kHz audio.`,
  };
}

function analogPart(ctx: SourceContext): SourcePart {
  if (!/^(A\d{1,2}|\d{1,2})$/.test(ctx.analogPin)) {
    throw invalid(`"${ctx.analogPin}" is not an analog pin name`, 'Name the pin as on the board, e.g. A0.');
  }
  if (!Number.isFinite(ctx.analogScale) || ctx.analogScale === 0) {
    throw invalid(`analog scale ${ctx.analogScale} is not a usable factor`, 'Give the factor from a raw reading to the model\'s input units, e.g. 1/1023.');
  }
  const max = ctx.board.arch === 'avr' ? '1023' : '1023 (10-bit default)';
  return {
    template: 'source/analog.ino',
    values: { ANALOG_PIN: ctx.analogPin, ANALOG_MAX: max, ANALOG_SCALE: `${Math.fround(ctx.analogScale).toPrecision(9)}f` },
    libraries: [],
    title: `readings of analog pin ${ctx.analogPin}`,
    note: `While streaming, each result adds one reading of ${ctx.analogPin} to a window of ${ctx.inputSize}.`,
  };
}

export function sourcePart(source: SketchSource, ctx: SourceContext): SourcePart {
  switch (source) {
    case 'serial':
      return {
        template: 'source/serial.ino',
        values: { PREFIX: ctx.prefix, PREFIX_UPPER: ctx.prefix.toUpperCase(), DEMO_SOURCE: ctx.demoSourceFile },
        libraries: [],
        title: 'test vectors over serial',
        note: `While streaming, the sketch cycles through its ${ctx.demoCount} demo vectors; the TinyDeploy app can send its own (@in).`,
      };
    case 'imu': return imuPart(ctx);
    case 'mic': return micPart(ctx);
    case 'analog': return analogPart(ctx);
    default:
      throw invalid(`unknown input source "${String(source)}"`, 'Use serial, imu, mic or analog.');
  }
}
