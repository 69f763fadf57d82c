// Rendered sketches compile for real with arduino-cli and the AVR core (the one core installable here), the
// exported library builds from its example via --library, and hello_world's sketch runs on the simulated Uno:
// hello line, live results and RAM statistics arrive through the app's serial layer.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardById } from '../../core/boards/index.js';
import { startVirtualBoard, vboardDir, type VirtualBoard } from '../../core/device/virtual/index.js';
import { exportLibraryZip, writeSketch, type WrittenSketch } from '../../core/sketch/index.js';
import { compileSketch, locateArduinoCli, type ArduinoCli, type CompileResult } from '../../core/toolchain/index.js';
import { fileExists, REPO_ROOT, tierAvailable, TOOLS_DIR } from '../support/tools.js';
import { ARDUINO_TOOL_CHECKS } from '../support/arduino.js';
import { openLines } from '../support/board-lines.js';
import { packedConvGraph } from '../support/random-graphs.js';
import { loadModel, tinyImuGraph } from './support.js';

const run = tierAvailable('sim', ARDUINO_TOOL_CHECKS);
const simulator = run && tierAvailable('sim', [fileExists('the simavr harness (scripts/setup-vboard.sh)', path.join(vboardDir(), 'tinydeploy-vboard'))]);
// The simulated Uno runs slower than real time on a loaded machine.
const LINE_TIMEOUT = 30_000;
const uno = boardById('uno')!;
const hello = loadModel('hello_world_int8');

describe.runIf(run)('sketches compile with arduino-cli for AVR (real tools)', () => {
  let cli: ArduinoCli;
  let helloSketch: WrittenSketch;
  let helloBuild: CompileResult;
  const parent = mkdtempSync(path.join(tmpdir(), 'td-sketch-avr-'));
  const boards: VirtualBoard[] = [];
  const build = (sketch: WrittenSketch, fqbn = 'arduino:avr:uno', libraries: string[] = []) =>
    compileSketch(cli, { sketchDir: sketch.sketchDir, fqbn, buildDir: mkdtempSync(path.join(tmpdir(), 'td-sketch-build-')), libraries });

  beforeAll(async () => {
    cli = await locateArduinoCli({ toolsDir: TOOLS_DIR, searchPath: false });
    helloSketch = writeSketch(parent, { model: hello.graph, tflite: hello.bytes, board: uno, name: 'HelloSine', labels: ['y'], periodMs: 50 });
    helloBuild = await build(helloSketch);
  }, 300_000);
  afterAll(async () => {
    await Promise.all(boards.map((b) => b.stop()));
  });

  it('hello_world + protocol on the Uno: builds warning-free and leaves over 1 KiB of the 2 KiB RAM to the stack', () => {
    console.log(`[sketch] HelloSine on the Uno: flash ${helloBuild.flash.used}/${helloBuild.flash.max} B, RAM ${helloBuild.ram.used}/${helloBuild.ram.max} B (static)`);
    expect(helloBuild.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(helloBuild.flash.max).toBe(uno.flashBytes);
    expect(helloBuild.flash.used).toBeGreaterThan(helloSketch.memory!.weightBytes);
    expect(helloBuild.flash.used).toBeLessThan(uno.flashBytes / 2);
    expect(helloBuild.ram.used).toBeGreaterThanOrEqual(helloSketch.memory!.activationBytes);
    expect(helloBuild.ram.used).toBeLessThan(1024);
  });

  it('the analog and IMU sources build for the Uno (IMU: Arduino_LSM6DS3 stand-in, the real one cannot be downloaded)', async () => {
    const analog = writeSketch(parent, { model: hello.graph, tflite: hello.bytes, board: uno, source: 'analog', name: 'HelloAnalog' });
    const a = await build(analog);
    expect(a.ram.used).toBeLessThan(1024);
    const imu = writeSketch(parent, { model: tinyImuGraph(), hash: '0123abcd', board: uno, source: 'imu', name: 'TinyImu', labels: ['idle', 'wave', 'punch'] });
    expect(imu.libraries.map((l) => l.name)).toEqual(['Arduino_LSM6DS3']);
    const i = await build(imu, 'arduino:avr:uno', [path.join(REPO_ROOT, 'test', 'sketch', 'arduino-stub-libs', 'Arduino_LSM6DS3')]);
    console.log(`[sketch] TinyImu (IMU window 20×3) on the Uno: flash ${i.flash.used}/${i.flash.max} B, RAM ${i.ram.used}/${i.ram.max} B`);
    // The window and the input buffer both hold 60 bytes; the rest is the same as the serial sketch.
    expect(i.ram.used).toBeGreaterThan(imu.memory!.activationBytes + 120);
    expect(i.ram.used).toBeLessThan(1024);
  }, 300_000);

  it('a model with packed requantization tables links their decoder (td_requant.c, named only as a pointer)', async () => {
    const conv = packedConvGraph();
    const packed = writeSketch(parent, { model: conv, hash: '0c0ffee0', board: uno, name: 'PackedConv', requantLayout: 'packed' });
    expect(packed.files.has('src/td_requant.c')).toBe(true);
    const b = await build(packed);
    expect(b.flash.used).toBeGreaterThan(packed.memory!.weightBytes + packed.memory!.constantBytes);
  }, 300_000);

  it('a bigger model builds too: micro_speech on the Mega 2560', async () => {
    const speech = loadModel('micro_speech_quantized');
    const mega = boardById('mega2560')!;
    const kws = writeSketch(parent, { model: speech.graph, tflite: speech.bytes, board: mega, name: 'KwsMega', labels: ['silence', 'unknown', 'yes', 'no'] });
    const k = await build(kws, mega.fqbn!);
    console.log(`[sketch] KwsMega on the Mega 2560: flash ${k.flash.used}/${k.flash.max} B, RAM ${k.ram.used}/${k.ram.max} B (arena ${kws.memory!.activationBytes} B)`);
    expect(k.flash.used).toBeGreaterThan(kws.memory!.weightBytes);
    expect(k.ram.used).toBeGreaterThan(kws.memory!.activationBytes);
    expect(k.ram.used).toBeLessThan(mega.ramBytes);
  }, 300_000);

  it('the library .zip installs as a library: its example builds with only `#include <HelloSine_inferencing.h>`', async () => {
    const lib = exportLibraryZip({ model: hello.graph, tflite: hello.bytes, board: uno, name: 'HelloSine', labels: ['y'] });
    const root = mkdtempSync(path.join(tmpdir(), 'td-sketch-lib-'));
    for (const [file, bytes] of Object.entries(unzipSync(lib.zip))) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), bytes);
    }
    const example = path.join(root, lib.name, 'examples', `${lib.name}_live`);
    const b = await compileSketch(cli, { sketchDir: example, fqbn: 'arduino:avr:uno', buildDir: mkdtempSync(path.join(tmpdir(), 'td-sketch-build-')), libraries: [path.join(root, lib.name)] });
    // The same program as the rendered sketch, built from the library instead of local files.
    expect(Math.abs(b.flash.used - helloBuild.flash.used)).toBeLessThan(64);
    expect(b.ram.used).toBe(helloBuild.ram.used);
  }, 300_000);

  it.runIf(simulator)('runs on the simulated Uno: hello, live results and RAM statistics with a measured stack high-water mark', async () => {
    const board = await startVirtualBoard({ kind: 'uno', firmware: path.join(helloBuild.buildDir, 'HelloSine.ino.elf') });
    boards.push(board);
    const session = await openLines(board.port);
    try {
      const helloLine = await session.waitFor(/^@hello /, LINE_TIMEOUT);
      expect(helloLine).toContain(`hash=${helloSketch.hash}`);
      expect(helloLine).toContain('board=uno');
      expect(helloLine).toContain(`act=${helloSketch.memory!.activationBytes}`);
      const result = await session.waitFor(/^y:-?\d+\.\d{4} top=y us=\d+ x=-?\d+\.\d{4} #\d+ \*[0-9A-F]{2}$/, LINE_TIMEOUT);
      const ram = await session.waitFor(/^@ram /, LINE_TIMEOUT);
      const field = (name: string): number => Number(new RegExp(`\\b${name}=(\\d+)`).exec(ram)![1]);
      console.log(`[sketch] simulated Uno: ${ram} / ${result}`);
      // free is the gap from the static data to the stack pointer now; the stack was painted before main(), so
      // its high-water mark covers at least today's depth (2047 - static - free) plus the deeper printing calls.
      const depthNow = 2047 - helloBuild.ram.used - field('free');
      expect(depthNow).toBeGreaterThan(0);
      expect(field('stack')).toBeGreaterThan(depthNow);
      expect(field('stack') + helloBuild.ram.used).toBeLessThan(1024);
      expect(field('total')).toBe(2048);
    } finally {
      await session.close();
    }
  }, 120_000);
});
