// The shape of one catalog entry: everything the fit check, the sketch templates and the toolchain need to know.

/** A USB vendor/product pair as lower-case 4-digit hex without "0x", e.g. { vid: '2341', pid: '805a' }. */
export interface UsbId {
  readonly vid: string;
  readonly pid: string;
  /** What the board is doing when it shows this id (running a sketch, in its bootloader, ROM download mode). */
  readonly mode: 'sketch' | 'bootloader' | 'rom';
  /** A chip vendor's generic id (a USB-serial bridge, a bare MCU's ROM): a hint, not proof of the board. */
  readonly generic?: boolean;
}

export type CpuArch = 'avr' | 'cortex-m0plus' | 'cortex-m4f' | 'cortex-m7f' | 'xtensa-lx7';

/** Which floating point the CPU does in hardware: none, single precision, or single and double. */
export type Fpu = 'none' | 'sp' | 'dp';

/** How a sketch reads its free RAM on this board (native/ has the C for each method). */
export type FreeRamMethod =
  | 'avr-heap-gap' // the gap between __brkval (or __heap_start) and the stack pointer
  | 'mbed-heap-stats' // mbed_stats_heap_get() against the heap size (Mbed OS cores)
  | 'esp-heap-caps' // heap_caps_get_free_size(MALLOC_CAP_8BIT), i.e. ESP.getFreeHeap()
  | 'newlib-sbrk-gap'; // the stack pointer minus sbrk(0) (bare-metal newlib)

export type SensorKind = 'imu' | 'magnetometer' | 'microphone' | 'camera' | 'gesture-light' | 'pressure' |
  'temperature-humidity' | 'distance';

export interface Sensor {
  readonly kind: SensorKind;
  /** The part number, e.g. "LSM9DS1". */
  readonly part: string;
  /** The Arduino library a sketch uses for it, when there is a usual one. */
  readonly library?: string;
  /** True when the sensor sits on a shield or expansion board that comes with a kit, not on the board itself. */
  readonly onAccessory?: boolean;
}

export interface UploadQuirks {
  /** The core opens the port at 1200 bps and closes it to make the board jump into its bootloader. */
  readonly touch1200bps: boolean;
  /** After the touch the board comes back on another port (or the same name after a re-enumeration). */
  readonly waitForUploadPort: boolean;
  /** The upload tool arduino-cli runs for this board. */
  readonly tool: 'avrdude' | 'bossac' | 'picotool' | 'dfu-util' | 'esptool' | 'adafruit-nrfutil' | 'vboard';
  /** Upload speed in baud, for serial bootloaders that have one. */
  readonly speed?: number;
  /** avrdude's -c programmer for serial bootloaders: optiboot speaks "arduino" (STK500v1), the Mega's "wiring". */
  readonly avrdudeProtocol?: 'arduino' | 'wiring';
  /** What a student does when the board stops answering (the sketch crashed, the port vanished). */
  readonly recovery: string;
}

/** A core package that arduino-cli installs (`arduino-cli core install <id>`), and where its index lives. */
export interface CorePackage {
  /** "packager:architecture", e.g. "arduino:mbed_nano". */
  readonly id: string;
  readonly name: string;
  /** The package index that lists it; arduino-cli knows Arduino's own one without configuration. */
  readonly indexUrl: string;
  /** True when the index is not arduino-cli's default and must go into board_manager.additional_urls. */
  readonly additionalIndex: boolean;
}

export interface BoardSpec {
  /** Our stable id, e.g. "nano33ble-sense-rev2". */
  readonly id: string;
  /** The name a student sees, e.g. "Arduino Nano 33 BLE Sense Rev2". */
  readonly name: string;
  /** The arduino-cli FQBN, or null for a board that arduino-cli does not build (bare-metal simulated boards). */
  readonly fqbn: string | null;
  /**
   * Set when this entry builds with exactly the same FQBN as another entry and the two cannot be told apart over
   * USB (Rev1/Rev2, a "Sense" with an expansion board, a simulated twin): the id of the entry that owns the FQBN.
   */
  readonly sameBuildAs?: string;
  /** The core package id, or null for a board built outside arduino-cli. */
  readonly core: string | null;
  readonly mcu: string;
  readonly arch: CpuArch;
  readonly clockHz: number;
  readonly fpu: Fpu;
  /** RAM a sketch can use, in bytes: the core's upload.maximum_data_size where it has one. */
  readonly ramBytes: number;
  /** Flash a sketch can use, in bytes: the core's upload.maximum_size (default partition or split). */
  readonly flashBytes: number;
  /** External PSRAM or SDRAM the sketch can allocate from, in bytes (0 when none). */
  readonly extraRamBytes: number;
  readonly sensors: readonly Sensor[];
  readonly usb: readonly UsbId[];
  readonly upload: UploadQuirks;
  readonly freeRam: FreeRamMethod;
  /** True for the simulated boards that stand in when no hardware is plugged in. */
  readonly simulated: boolean;
  /** Facts a student needs that fit nowhere else, in one sentence each. */
  readonly notes: readonly string[];
}
