// Which source template a board uses for each input source, with its placeholder values and libraries.
import type { BoardSpec } from '../boards/index.js';
import { cFloat } from './c-data.js';
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

/** PDM microphones read through ESP_I2S: the board's clock and data pins. */
const ESP_I2S_PINS: Readonly<Record<string, { clk: number; data: number }>> = {
  'xiao-esp32s3-sense': { clk: 42, data: 41 },
};

function micPart(ctx: SourceContext): SourcePart {
  const mic = ctx.board.sensors.find((s) => s.kind === 'microphone');
  const i2s = ESP_I2S_PINS[ctx.board.id];
  if (mic && mic.library === 'ESP_I2S' && i2s) {
    return {
      // ESP_I2S ships with the ESP32 core 3.x: nothing to pin besides the core.
      template: 'source/mic-esp-i2s.ino',
      values: { MIC_PART: mic.part, MIC_CLK_PIN: String(i2s.clk), MIC_DATA_PIN: String(i2s.data) },
      libraries: [],
      title: `log-energy features of the ${mic.part} microphone`,
      note: `While streaming, the window holds the log energy of the last ${ctx.inputSize} blocks of 16 kHz audio.`,
    };
  }
  if (!mic || mic.library !== 'PDM') {
    throw invalid(`the ${ctx.board.name} has no microphone on the PDM library${mic ? ` (its ${mic.part} uses ${mic.library ?? 'another library'})` : ''}`,
      'Use a Nano 33 BLE Sense, a Nano RP2040 Connect, a Nicla Vision or a XIAO ESP32S3 Sense for the microphone source, or the serial source here.');
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

/** analogRead's full-scale value with the core's default resolution: 12 bits on ESP32, 10 bits elsewhere. */
export function analogFullScale(board: BoardSpec): number {
  return board.arch === 'xtensa-lx7' ? 4095 : 1023;
}

function analogPart(ctx: SourceContext): SourcePart {
  if (!/^(A\d{1,2}|\d{1,2})$/.test(ctx.analogPin)) {
    throw invalid(`"${ctx.analogPin}" is not an analog pin name`, 'Name the pin as on the board, e.g. A0.');
  }
  if (!Number.isFinite(ctx.analogScale) || ctx.analogScale === 0) {
    throw invalid(`analog scale ${ctx.analogScale} is not a usable factor`, `Give the factor from a raw reading to the model's input units, e.g. 1/${analogFullScale(ctx.board)}.`);
  }
  return {
    template: 'source/analog.ino',
    values: { ANALOG_PIN: ctx.analogPin, ANALOG_MAX: String(analogFullScale(ctx.board)), ANALOG_SCALE: cFloat(ctx.analogScale) },
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

export interface SourceChoice {
  readonly source: SketchSource;
  /** False when renderSketch would refuse this source on the board (whatever the model). */
  readonly available: boolean;
  /** What the student gets, or why it is not available. */
  readonly detail: string;
}

/** The input sources a UI can offer for a board, with what each one reads (model-independent checks only). */
export function sourceChoices(board: BoardSpec): SourceChoice[] {
  const imu = board.sensors.find((s) => s.kind === 'imu' && !s.onAccessory);
  const mic = board.sensors.find((s) => s.kind === 'microphone');
  const micOk = mic !== undefined && (mic.library === 'PDM' || (mic.library === 'ESP_I2S' && board.id in ESP_I2S_PINS));
  return [
    { source: 'serial', available: true, detail: 'test vectors: demo vectors while streaming, the app\'s own with @in' },
    { source: 'imu', available: imu === undefined || imu.part in IMU_LIBRARIES, detail: imu ? `the board's ${imu.part} accelerometer` : 'an LSM6DS3 module on I2C' },
    { source: 'mic', available: micOk, detail: micOk ? `the ${mic!.part} microphone (log-energy features)` : mic ? `the ${mic.part} microphone has no template yet` : 'the board has no microphone' },
    { source: 'analog', available: true, detail: `an analog pin (0 … ${analogFullScale(board)})` },
  ];
}
