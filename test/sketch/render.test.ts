// renderSketch: every placeholder filled, valid identifiers, the kernels the model calls and no others, a
// sketch.yaml that pins the board's core, and an actionable TinyDeployError for every impossible request.
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../core/device/protocol/index.js';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { BOARDS, boardById, SIMULATED_M4F_ID, type BoardSpec } from '../../core/boards/index.js';
import { CORE_VERSIONS, fnv1a32Hex, placeholdersOf, renderSketch, sourceChoices, type RenderSketchOptions } from '../../core/sketch/index.js';
import { fill } from '../../core/sketch/template.js';
import { loadModel, tflmAnchor } from './support.js';

const hello = loadModel('hello_world_int8');
const wand = loadModel('magic_wand_int8');
const speech = loadModel('micro_speech_quantized');
const uno = boardById('uno')!;
const rev1 = boardById('nano33ble-sense-rev1')!;

function errorOf(fn: () => unknown): TinyDeployError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TinyDeployError) return err;
    throw err;
  }
  throw new Error('expected a TinyDeployError');
}

const sketchBoards = BOARDS.filter((b) => b.fqbn !== null && b.freeRam !== 'newlib-sbrk-gap');

describe('renderSketch', () => {
  it.each(sketchBoards.map((b) => [b.id, b] as [string, BoardSpec]))('%s: a complete serial/native sketch with every placeholder filled', (_, board) => {
    const s = renderSketch({ model: hello.graph, tflite: hello.bytes, board });
    expect(s.name).toBe(`TinyDeploy_${fnv1a32Hex(hello.bytes)}`);
    expect([...s.files.keys()]).toEqual(expect.arrayContaining([`${s.name}.ino`, 'sketch.yaml', 'README.md', 'src/model_model.c',
      'src/model_model.h', 'src/model_demo.c', 'src/td_protocol.c', 'src/td_protocol.h', 'src/td_ram.h', 'src/td_fixedpoint.h']));
    // Only the .ino and the two text files at the top: the IDE shows the student one tab.
    expect([...s.files.keys()].filter((f) => !f.startsWith('src/')).sort()).toEqual(['README.md', `${s.name}.ino`, 'sketch.yaml']);
    for (const [file, text] of s.files) {
      expect(placeholdersOf(text), file).toEqual([]);
      expect(text, file).not.toMatch(/\{\{|\}\}\}/);
    }
    const ino = s.files.get(`${s.name}.ino`)!;
    expect(ino).toContain(`"${board.id}", "${s.name}", "${s.hash}", "native", "serial", 0,`);
    expect(ino).toContain(`${board.ramBytes}UL`);
  });

  it('copies exactly the kernels the model calls, and one RAM glue file for the board\'s architecture', () => {
    const files = (m: typeof hello, board: BoardSpec) => [...renderSketch({ model: m.graph, tflite: m.bytes, board }).files.keys()].map((f) => f.replace(/^src\//, ''));
    const helloFiles = files(hello, uno);
    expect(helloFiles.filter((f) => /^td_/.test(f)).sort()).toEqual(['td_avr_asm.h', 'td_fixedpoint.h', 'td_fully_connected.c', 'td_fully_connected.h',
      'td_protocol.c', 'td_protocol.h', 'td_ram.h', 'td_ram_avr.c', 'td_requant.h', 'td_shape_ops.c', 'td_shape_ops.h']);
    const speechFiles = files(speech, rev1);
    // Softmax pulls in the exp/reciprocal helpers it calls; no pooling, no umbrella header, no packed decoder.
    expect(speechFiles.filter((f) => /^td_.*\.c$/.test(f)).sort()).toEqual(['td_conv.c', 'td_fully_connected.c', 'td_protocol.c', 'td_ram_mbed.c',
      'td_shape_ops.c', 'td_softmax.c', 'td_transcendental.c']);
    expect(speechFiles).not.toContain('td_kernels.h');
    expect(files(hello, boardById('nano-esp32')!)).toContain('td_ram_esp.c');
  });

  it('sketch.yaml pins the board\'s FQBN, its core version, and the extra index a third-party core needs', () => {
    const yaml = (board: BoardSpec, extra: Partial<RenderSketchOptions> = {}) =>
      renderSketch({ model: wand.graph, tflite: wand.bytes, board, ...extra }).files.get('sketch.yaml')!;
    const u = yaml(uno);
    expect(u).toMatch(/^profiles:\n {2}uno:\n/m);
    expect(u).toContain('    fqbn: arduino:avr:uno\n');
    expect(u).toContain(`      - platform: arduino:avr (${CORE_VERSIONS['arduino:avr']})\n`);
    expect(u).not.toMatch(/^default_profile:/m);
    const xiao = yaml(boardById('xiao-esp32s3')!);
    expect(xiao).toContain(`      - platform: esp32:esp32 (${CORE_VERSIONS['esp32:esp32']})\n        platform_index_url: https://espressif.github.io/arduino-esp32/package_esp32_index.json`);
    const imu = yaml(rev1, { source: 'imu' });
    expect(imu).toContain('    libraries:\n      - Arduino_LSM9DS1 (1.1.1)');
    const tflm = yaml(rev1, { backend: 'tflm', tflmArena: tflmAnchor(wand.file) });
    expect(tflm).toContain('      - Chirale_TensorFLowLite (2.0.0)');
  });

  it('picks the IMU library of each board: LSM9DS1 on Rev1, BMI270 on Rev2, LSM6DS3 where the board has none', () => {
    const inoFor = (id: string) => {
      const s = renderSketch({ model: wand.graph, tflite: wand.bytes, board: boardById(id)!, source: 'imu' });
      return { ino: s.files.get(`${s.name}.ino`)!, libs: s.libraries.map((l) => l.name) };
    };
    expect(inoFor('nano33ble-sense-rev1').ino).toContain('#include <Arduino_LSM9DS1.h>');
    expect(inoFor('nano33ble-sense-rev2').ino).toContain('#include <Arduino_BMI270_BMM150.h>');
    expect(inoFor('nano-rp2040-connect').ino).toContain('#include <Arduino_LSM6DSOX.h>');
    expect(inoFor('uno').libs).toEqual(['Arduino_LSM6DS3']);
    expect(inoFor('xiao-nrf52840-sense').ino).toContain('static LSM6DS3 td_imu(I2C_MODE, 0x6A);');
  });

  it('labels, demo vectors, period and name reach the sketch', () => {
    const s = renderSketch({
      model: speech.graph, hash: fnv1a32Hex(speech.bytes), board: rev1, labels: ['silence', 'unknown', 'yes', 'no'],
      demoVectors: [new Int8Array(1960).fill(-7), new Int8Array(1960).fill(9)], periodMs: 0, name: 'Kws', prefix: 'kws',
      modelName: 'micro speech',
    });
    const ino = s.files.get('Kws.ino')!;
    expect(ino).toContain(`"nano33ble-sense-rev1", "micro_speech", "${s.hash}", "native", "serial",`);
    expect(ino).toContain('"silence,unknown,yes,no"');
    expect(ino).toContain('td_proto_begin(&td_serial_port, &td_info, td_input, 0);');
    expect(ino).toContain('kws_invoke(td_input_buffer, td_output_buffer);');
    expect(s.files.get('src/kws_demo.h')).toContain('#define KWS_DEMO_COUNT 2');
    expect(s.files.get('src/kws_demo.c')).toMatch(/\/\* vector 1 \*\/\n {2}9, 9,/);
    expect(s.files.get('README.md')).toContain('silence:0.8125 unknown:');
  });

  it('the analog source scales readings by the core\'s full scale: 10 bits on AVR and mbed, 12 bits on ESP32', () => {
    const ino = (id: string) => { const s = renderSketch({ model: hello.graph, tflite: hello.bytes, board: boardById(id)!, source: 'analog' }); return s.files.get(`${s.name}.ino`)!; };
    expect(ino('uno')).toContain(`analogRead(A0) * ${Math.fround(1 / 1023).toPrecision(9)}f`);
    expect(ino('nano33ble-sense-rev1')).toContain('a reading r (0 … 1023)');
    expect(ino('nano-esp32')).toContain(`analogRead(A0) * ${Math.fround(1 / 4095).toPrecision(9)}f`);
    expect(renderSketch({ model: hello.graph, tflite: hello.bytes, board: uno, source: 'analog', analogPin: 'A3', analogScale: 0.5 }).files.get(`TinyDeploy_${fnv1a32Hex(hello.bytes)}.ino`))
      .toContain('analogRead(A3) * 0.500000000f');
  });

  it('the default demo vectors sweep the int8 range (the sine model draws its curve in the Serial Plotter)', () => {
    const demo = renderSketch({ model: hello.graph, tflite: hello.bytes, board: uno }).files.get('src/model_demo.c')!;
    const values = [...demo.matchAll(/^ {2}(-?\d+),$/gm)].map((m) => Number(m[1]));
    expect(values[0]).toBe(-128);
    expect(values.at(-1)).toBe(127);
    expect(values.length).toBe(16);
    expect(values.every((v, i) => i === 0 || v > values[i - 1]!)).toBe(true);
  });

  it('the README tells the student the board, core, baud, libraries and memory figures', () => {
    const s = renderSketch({ model: wand.graph, tflite: wand.bytes, board: boardById('nano33ble-sense-rev2')!, source: 'imu', name: 'Wand' });
    const readme = s.files.get('README.md')!;
    expect(readme).toContain('**Arduino Nano 33 BLE Sense Rev2**');
    expect(readme).toContain('`arduino:mbed_nano:nano33ble`');
    expect(readme).toContain('**115200 baud**');
    expect(readme).toContain('**Arduino_BMI270_BMM150** 1.2.1');
    expect(readme).toContain(`| activation buffer (RAM) | ${s.memory!.activationBytes} |`);
    expect(readme).toMatch(/\*[0-9A-F]{2}\n/);
    expect(readme).not.toMatch(/ x=/); // the wand's input is a window of 3-axis samples, not one value
  });

  it('the README\'s example result line of a one-value model has its x, checksummed', () => {
    const readme = renderSketch({ model: hello.graph, tflite: hello.bytes, board: uno }).files.get('README.md')!;
    const line = /^ {4}(y:\S+ top=y us=\d+ x=1\.5708 #17) \*([0-9A-F]{2})$/m.exec(readme);
    expect(line).not.toBeNull();
    expect(parseLine(`${line![1]} *${line![2]}`).ok).toBe(true);
  });

  it('refuses impossible sketches with the reason and the fix', () => {
    const base = { model: hello.graph, tflite: hello.bytes, board: uno };
    const cases: Array<[Partial<RenderSketchOptions>, RegExp]> = [
      [{ source: 'imu' }, /not a multiple of 3/],
      [{ source: 'mic' }, /no microphone/],
      [{ source: 'analog', analogPin: 'D13' }, /not an analog pin/],
      [{ backend: 'tflm', tflmArena: tflmAnchor(hello.file) }, /does not run on the Arduino Uno/],
      [{ labels: ['a', 'b'] }, /2 labels for a model with 1 output/],
      [{ labels: ['a,b'] }, /cannot be sent in a result line/],
      [{ name: 'my sketch' }, /not a valid Arduino sketch name/],
      [{ prefix: 'td_model' }, /td_ prefix/],
      [{ modelName: 'a*b' }, /cannot be sent in the hello line/],
      [{ periodMs: -1 }, /out of range/],
      [{ baud: 12345 }, /not a standard serial speed/],
      [{ demoVectors: [[1, 2]] }, /has 2 values, the model's input has 1/],
      [{ demoVectors: [[300]] }, /not an int8/],
      [{ tflite: undefined, hash: 'xyz' }, /not 8 hex digits/],
      [{ hash: '00000000' }, /does not match the .tflite bytes/],
      [{ board: boardById(SIMULATED_M4F_ID)! }, /not built from an Arduino sketch/],
      [{ board: rev1, backend: 'tflm' }, /needs an arena measurement/],
      [{ board: rev1, backend: 'tflm', tflite: undefined, hash: fnv1a32Hex(hello.bytes), tflmArena: tflmAnchor(hello.file) }, /only its hash was given/],
    ];
    for (const [extra, message] of cases) {
      const err = errorOf(() => renderSketch({ ...base, ...extra }));
      expect(err.code, String(message)).toBe(ErrorCode.InvalidArgument);
      expect(err.message).toMatch(message);
      expect(err.advice, String(message)).toBeTruthy();
    }
  });

  it('sourceChoices offers exactly the sources renderSketch accepts on each board', () => {
    const imuModel = loadModel('magic_wand_int8');
    for (const board of sketchBoards) {
      for (const choice of sourceChoices(board)) {
        const model = choice.source === 'imu' ? imuModel : choice.source === 'mic' ? speech : hello;
        const attempt = () => renderSketch({ model: model.graph, tflite: model.bytes, board, source: choice.source });
        if (choice.available) expect(attempt, `${board.id} ${choice.source}`).not.toThrow();
        else expect(attempt, `${board.id} ${choice.source}`).toThrow(TinyDeployError);
      }
    }
    expect(sourceChoices(uno).find((c) => c.source === 'mic')).toEqual({ source: 'mic', available: false, detail: 'the board has no microphone' });
    expect(sourceChoices(boardById('xiao-nrf52840-sense')!).find((c) => c.source === 'mic')!.available).toBe(false);
    expect(sourceChoices(rev1).every((c) => c.available)).toBe(true);
  });

  it('a template and its values must match exactly (a renamed placeholder cannot slip through)', () => {
    expect(fill('a {{X}} b {{Y}}', { X: 1, Y: 'two' }, 't')).toBe('a 1 b two');
    expect(errorOf(() => fill('a {{X}} b {{Y}}', { X: 1 }, 't')).message).toContain('{{Y}} has no value');
    expect(errorOf(() => fill('a {{X}}', { X: 1, Z: 2 }, 't')).message).toContain('Z is not in the template');
    expect(fill('{{{X}}}', { X: '1, 2' }, 't')).toBe('{1, 2}');
  });
});
