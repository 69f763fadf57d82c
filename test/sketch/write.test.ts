// writeSketch: a folder with exactly the rendered files, a re-render replaces stale ones, and a student's own
// folder is never overwritten.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { boardById } from '../../core/boards/index.js';
import { writeSketch } from '../../core/sketch/index.js';
import { loadModel } from './support.js';

const hello = loadModel('hello_world_int8');
const speech = loadModel('micro_speech_quantized');
const uno = boardById('uno')!;

/** Every file under dir, as sketch-relative paths with /. */
function listAll(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/')).sort();
}

describe('writeSketch', () => {
  it('writes <parent>/<name>/ with exactly the rendered files', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'td-write-'));
    const s = writeSketch(parent, { model: hello.graph, tflite: hello.bytes, board: uno, name: 'Sine' });
    expect(s.sketchDir).toBe(path.join(parent, 'Sine'));
    expect(listAll(s.sketchDir)).toEqual([...s.files.keys()].sort());
    expect(readFileSync(path.join(s.sketchDir, 'Sine.ino'), 'utf8')).toBe(s.files.get('Sine.ino'));
  });

  it('rendering again replaces an earlier rendering, dropping kernels the new model no longer calls', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'td-write-'));
    const first = writeSketch(parent, { model: speech.graph, tflite: speech.bytes, board: boardById('mega2560')!, name: 'Same' });
    expect(existsSync(path.join(first.sketchDir, 'src', 'td_softmax.c'))).toBe(true);
    const second = writeSketch(parent, { model: hello.graph, tflite: hello.bytes, board: uno, name: 'Same' });
    expect(existsSync(path.join(second.sketchDir, 'src', 'td_softmax.c'))).toBe(false);
    expect(listAll(second.sketchDir)).toEqual([...second.files.keys()].sort());
  });

  it('refuses to overwrite a folder TinyDeploy did not generate, and leaves it untouched', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'td-write-'));
    mkdirSync(path.join(parent, 'Mine'));
    writeFileSync(path.join(parent, 'Mine', 'Mine.ino'), 'void setup() {}\nvoid loop() {}\n');
    let err: unknown;
    try {
      writeSketch(parent, { model: hello.graph, tflite: hello.bytes, board: uno, name: 'Mine' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TinyDeployError);
    expect((err as TinyDeployError).code).toBe(ErrorCode.InvalidArgument);
    expect((err as TinyDeployError).message).toContain('is not a sketch TinyDeploy generated');
    expect(readdirSync(path.join(parent, 'Mine'))).toEqual(['Mine.ino']);
  });

  it('a parent that is a file is a TinyDeployError naming the folder', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'td-write-'));
    const file = path.join(parent, 'not-a-dir');
    writeFileSync(file, 'x');
    expect(() => writeSketch(file, { model: hello.graph, tflite: hello.bytes, board: uno, name: 'Sine' }))
      .toThrow(expect.objectContaining({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('cannot write the sketch to') }));
  });
});
