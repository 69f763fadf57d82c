import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import {
  compileError, CompileFailedError, CoreMissingError, diagnosticsFromCliJson, missingHeader, parseCompileJson,
  parseGccDiagnostics, parseRegionOverflow, parseSizeReport,
} from '../../core/toolchain/index.js';
import { fixtureJson, fixtureText, garbageVariants } from './fixtures.js';

const compileErr = (name: string): string => (fixtureJson(name) as { compiler_err: string }).compiler_err;

describe('gcc diagnostics parser', () => {
  it('reads file, line, column and message from a real avr-gcc error', () => {
    const d = parseGccDiagnostics(compileErr('compile-error-undeclared.json'));
    expect(d.map((x) => [x.severity, x.file.split('/').pop(), x.line, x.column])).toEqual([
      ['error', 'Broken.ino', 3, 11],
      ['error', 'Broken.ino', 5, 30],
    ]);
    expect(d[0]!.message).toContain('undefinedThing');
  });

  it('reads a fatal missing-header error and names the header', () => {
    const d = parseGccDiagnostics(compileErr('compile-missing-header.json'));
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('error');
    expect(missingHeader(d)).toBe('TensorFlowLite.h');
  });

  it('handles Windows paths, warnings, notes and linker errors', () => {
    const text = [
      'C:\\Users\\ana\\Sketch\\Sketch.ino:12:5: warning: unused variable \'y\' [-Wunused-variable]',
      'C:\\Users\\ana\\Sketch\\Sketch.ino:3: note: declared here',
      '/tmp/b/sketch/model.cpp.o: In function `setup\':',
      '/tmp/x/model.cpp:40: undefined reference to `td_model_run\'',
      'model.c.o:(.text+0x1c): multiple definition of `td_weights\'',
      'collect2: error: ld returned 1 exit status',
    ].join('\r\n');
    const d = parseGccDiagnostics(text);
    expect(d.map((x) => [x.severity, x.file, x.line])).toEqual([
      ['warning', 'C:\\Users\\ana\\Sketch\\Sketch.ino', 12],
      ['note', 'C:\\Users\\ana\\Sketch\\Sketch.ino', 3],
      ['error', '/tmp/x/model.cpp', 40],
      ['error', 'model.c.o', 0],
    ]);
  });

  it('finds flash and RAM overflows in real linker output', () => {
    expect(parseRegionOverflow(compileErr('compile-flash-overflow.json'))).toEqual({ region: 'text', bytes: 914 });
    expect(parseRegionOverflow(compileErr('compile-ram-overflow.json'))).toEqual({ region: 'data', bytes: 0 });
    expect(parseRegionOverflow(compileErr('compile-error-undeclared.json'))).toBeNull();
  });

  it('never throws on garbage and finds nothing in it', () => {
    for (const junk of garbageVariants(compileErr('compile-error-undeclared.json'))) {
      const d = parseGccDiagnostics(junk);
      for (const x of d) {
        expect(x.line).toBeGreaterThanOrEqual(0);
        expect(x.message.length).toBeGreaterThan(0);
      }
    }
    for (const junk of garbageVariants(fixtureText('compile-sketch-too-big.json'))) {
      const r = parseSizeReport(junk);
      if (r) expect(Number.isSafeInteger(r.flashUsed) && Number.isSafeInteger(r.flashMax)).toBe(true);
    }
    expect(parseSizeReport('Sketch uses x bytes')).toBeNull();
    expect(parseGccDiagnostics('\u0000\u0001garbage:notanumber: error: x')).toEqual([]);
    expect(parseGccDiagnostics('file.ino:0: error: zero line')).toEqual([]);
    expect(parseGccDiagnostics('x'.repeat(100_000))).toEqual([]);
  });
});

describe('arduino-cli compile JSON', () => {
  it('reads sizes and maxima of a real successful Uno build', () => {
    const p = parseCompileJson(fixtureJson('compile-ok-uno.json'));
    expect(p.success).toBe(true);
    expect(p.sections.flash).toEqual({ used: 1636, max: 32256 });
    expect(p.sections.ram).toEqual({ used: 194, max: 2048 });
  });

  it('keeps the first line of arduino-cli\'s own diagnostics and drops malformed ones', () => {
    const br = (fixtureJson('compile-error-undeclared.json') as { builder_result: { diagnostics: unknown } }).builder_result;
    const d = diagnosticsFromCliJson(br.diagnostics);
    expect(d.map((x) => [x.line, x.column, x.message])).toEqual([
      [3, 11, '‘undefinedThing’ was not declared in this scope'],
      [5, 30, '‘x’ was not declared in this scope'],
    ]);
    expect(diagnosticsFromCliJson([null, 1, { file: 'a', line: 'x', message: 'm' }, { file: 1 }, {}])).toEqual([]);
    expect(diagnosticsFromCliJson('nope')).toEqual([]);
  });

  it('turns each real failure into its typed error', () => {
    const err = (name: string) => {
      const p = parseCompileJson(fixtureJson(name));
      return compileError(p, p.error ?? '', 'arduino:avr:uno');
    };
    const broken = err('compile-error-undeclared.json');
    expect(broken).toBeInstanceOf(CompileFailedError);
    expect(broken.code).toBe(ErrorCode.CompileFailed);
    expect((broken as CompileFailedError).diagnostics[0]).toMatchObject({ line: 3, column: 11 });
    expect(broken.message).toMatch(/Broken\.ino:3:11/);

    const core = err('compile-core-missing.json');
    expect(core).toBeInstanceOf(CoreMissingError);
    expect((core as CoreMissingError).installCommand).toBe('arduino-cli core install arduino:mbed_nano');
    expect(core.advice).toContain('arduino-cli core install arduino:mbed_nano');

    expect(err('compile-bad-fqbn.json').code).toBe(ErrorCode.InvalidArgument);
    expect(err('compile-flash-overflow.json').message).toMatch(/flash by 914 bytes/);
    // Linked, but bigger than the Uno's 32256 bytes beside the bootloader: arduino-cli's own size check.
    expect(err('compile-sketch-too-big.json').message).toBe('The sketch does not fit the board\'s flash by 428 bytes.');
    expect(err('compile-ram-overflow.json').message).toMatch(/RAM/);
    expect(err('compile-missing-header.json').message).toMatch(/TensorFlowLite\.h/);
  });

  it('tolerates garbage compile JSON', () => {
    for (const junk of [null, 1, 'x', [], { builder_result: 5 }, { builder_result: { executable_sections_size: 'x' } },
      { builder_result: { executable_sections_size: [{ name: 'text', size: -1 }, { name: 'data', size: 'big' }] } }]) {
      const p = parseCompileJson(junk);
      expect(p.success).toBe(false);
      expect(p.sections.flash).toBeNull();
      expect(p.sections.ram).toBeNull();
      expect(compileError(p, '', 'a:b:c').code).toBeTypeOf('number');
    }
    expect(fixtureText('compile-ok-uno.json').length).toBeGreaterThan(100);
  });
});
