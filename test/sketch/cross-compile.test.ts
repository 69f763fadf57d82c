// Rendered sketches for the families whose Arduino core cannot be installed here compile warning-free against
// test/sketch/arduino-stub (a minimal Arduino API): mbed nRF52840 and RP2040 with arm-none-eabi-gcc/g++, ESP32
// with the host gcc (no xtensa compiler here). Every symbol left open is one the core or a library provides.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardById } from '../../core/boards/index.js';
import { writeSketch, type SketchBackend, type SketchSource } from '../../core/sketch/index.js';
import { onPath, tierAvailable } from '../support/tools.js';
import { ARM_M0PLUS, ARM_M4F, crossCompile, HOST_AS_ESP32, loadModel, tflmAnchor, type CrossTarget } from './support.js';

const run = tierAvailable('native-cross', ['arm-none-eabi-gcc', 'arm-none-eabi-g++', 'gcc', 'g++'].map(onPath));

/** What the Arduino core, the sensor libraries, TFLM, libc and the compiler runtime provide. */
const PROVIDED = [
  /^HardwareSerial::/, /^Serial$/, /^(millis|micros|delay|analogRead)$/,
  /^IMU$/, /^TdStubImu::/, /^LSM6DS3::/, /^PDM$/, /^PDMClass::/, /^I2SClass::/,
  /^osThreadGet(Id|StackSize|StackSpace)$/, /^mallinfo$/, /^mbed_stats_heap_get$/, /^heap_caps_get_free_size$/, /^uxTaskGetStackHighWaterMark$/,
  /^tflite::/, /^(memcpy|memmove|memset|log10f)$/,
  /^__aeabi_/, /^__gnu_thumb1_case/, /^__cxa_/, /^__gxx_personality_v0$/, /^_Unwind_Resume$/, /^__stack_chk_fail$/,
];

const wand = loadModel('magic_wand_int8');
const speech = loadModel('micro_speech_quantized');
const hello = loadModel('hello_world_int8');
const rev1 = boardById('nano33ble-sense-rev1')!;

type Case = [board: string, target: CrossTarget, source: SketchSource, backend: SketchBackend, model: typeof hello];
const TABLE: Case[] = [
  ['nano33ble-sense-rev1', ARM_M4F, 'serial', 'native', speech],
  ['nano33ble-sense-rev1', ARM_M4F, 'imu', 'native', wand],
  ['nano33ble-sense-rev1', ARM_M4F, 'mic', 'native', speech],
  ['nano33ble-sense-rev1', ARM_M4F, 'analog', 'native', hello],
  ['nano33ble-sense-rev2', ARM_M4F, 'imu', 'native', wand],
  ['nano33ble-sense-rev2', ARM_M4F, 'serial', 'tflm', speech],
  ['xiao-nrf52840-sense', ARM_M4F, 'imu', 'native', wand],
  ['nano-rp2040-connect', ARM_M0PLUS, 'imu', 'native', wand],
  ['nano-rp2040-connect', ARM_M0PLUS, 'mic', 'tflm', speech],
  ['pico', ARM_M0PLUS, 'serial', 'native', wand],
  ['pico', ARM_M0PLUS, 'analog', 'native', hello],
  ['nano-esp32', HOST_AS_ESP32, 'serial', 'native', speech],
  ['xiao-esp32s3', HOST_AS_ESP32, 'imu', 'native', wand],
  ['xiao-esp32s3', HOST_AS_ESP32, 'analog', 'tflm', hello],
  ['xiao-esp32s3-sense', HOST_AS_ESP32, 'mic', 'native', speech],
];
const CASES = TABLE.map(([board, target, source, backend, model]) => [board, target.name, source, backend, model.file, target, model] as const);

describe.runIf(run)('templates compile for mbed nRF52840, RP2040 (arm-none-eabi) and ESP32 (host gcc) against the Arduino stub', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'td-sketch-cross-'));

  it.each(CASES)('%s (%s) %s source, %s backend, %s: -Wall -Wextra -Werror, every sketch symbol defined', (board, _t, source, backend, _m, target, model) => {
    const sketch = writeSketch(parent, {
      model: model.graph, tflite: model.bytes, board: boardById(board)!, source, backend,
      name: `${board.replace(/-/g, '_')}_${source}_${backend}`, tflmArena: tflmAnchor(model.file),
    });
    const build = crossCompile(sketch.sketchDir, target);
    expect(build.objects.some((o) => o.endsWith('.ino.o'))).toBe(true);
    // The model, kernels, protocol and RAM glue are complete: nothing of ours is left for the linker to miss.
    expect(build.unresolved.filter((s) => /^(td_|model_)/.test(s))).toEqual([]);
    expect(build.unresolved.filter((s) => !PROVIDED.some((p) => p.test(s)))).toEqual([]);
    // The RAM statistics come from the board's own mechanism.
    const ram = /esp32/.test(board) ? 'heap_caps_get_free_size' : 'osThreadGetStackSpace';
    expect(build.unresolved).toContain(ram);
  });

  it('mbed with heap statistics enabled reads them (mbed_stats_heap_get) instead of malloc\'s figures', () => {
    const sketch = writeSketch(parent, { model: hello.graph, tflite: hello.bytes, board: rev1, name: 'heap_stats' });
    const plain = crossCompile(sketch.sketchDir, ARM_M4F).unresolved;
    const stats = crossCompile(sketch.sketchDir, ARM_M4F, ['-DMBED_HEAP_STATS_ENABLED=1']).unresolved;
    expect(plain).toContain('mallinfo');
    expect(plain).not.toContain('mbed_stats_heap_get');
    expect(stats).toContain('mbed_stats_heap_get');
    expect(stats).not.toContain('mallinfo');
  });

  it('the unresolved-symbol check can fail: a sketch without its protocol library leaves td_proto_* open', () => {
    const sketch = writeSketch(parent, { model: hello.graph, tflite: hello.bytes, board: boardById('pico')!, name: 'no_protocol' });
    rmSync(path.join(sketch.sketchDir, 'src', 'td_protocol.c'));
    expect(crossCompile(sketch.sketchDir, ARM_M0PLUS).unresolved).toEqual(expect.arrayContaining(['td_proto_begin', 'td_proto_poll']));
  });
});
