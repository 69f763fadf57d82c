// A sketch folder whose name looks like an option ("-h") stays a path: '--' ends arduino-cli's options, and
// --json still goes before it. Proved on the argument lists, then with the real arduino-cli compiling "-h".
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardById } from '../../core/boards/index.js';
import { compileArgs, compileSketch, locateArduinoCli, runCli, uploadArgs } from '../../core/toolchain/index.js';
import { ARDUINO_TOOL_CHECKS } from '../support/arduino.js';
import { TOOLS_DIR, tierAvailable } from '../support/tools.js';

describe('sketch paths after --', () => {
  it('compile and upload arguments end with -- and the path, whatever the path looks like', () => {
    const c = compileArgs({ fqbn: 'arduino:avr:uno', sketchDir: '-h', buildDir: '/b', libraries: ['--help'] });
    expect(c.slice(-2)).toEqual(['--', '-h']);
    expect(c.indexOf('--')).toBe(c.length - 2);
    const u = uploadArgs({ port: '/dev/ttyACM0', fqbn: 'arduino:avr:uno', sketchDir: '-h' }, boardById('uno'));
    expect(u.slice(-2)).toEqual(['--', '-h']);
  });
});

describe.runIf(tierAvailable('arduino-cli', ARDUINO_TOOL_CHECKS))('a sketch folder named -h with the real arduino-cli', () => {
  it('compiles it, where the old argument order printed compile --help instead', async () => {
    const cli = await locateArduinoCli({ toolsDir: TOOLS_DIR, searchPath: false });
    const dir = mkdtempSync(path.join(tmpdir(), 'td-dashdash-'));
    mkdirSync(path.join(dir, '-h'));
    writeFileSync(path.join(dir, '-h', '-h.ino'), 'void setup() {}\nvoid loop() {}\n');
    const cwd = process.cwd();
    process.chdir(dir); // "-h" must be a relative path to look like a flag
    try {
      // The control: without '--', arduino-cli takes -h as its help flag and prints usage, not JSON.
      const old = await runCli(cli, ['compile', '--fqbn', 'arduino:avr:uno', '-h'], { defaultTimeoutMs: 60_000 });
      expect(old.stdout).toMatch(/Usage:/);
      const built = await compileSketch(cli, { sketchDir: '-h', fqbn: 'arduino:avr:uno', buildDir: path.join(dir, 'build') });
      expect(built.flash.used).toBeGreaterThan(0);
    } finally {
      process.chdir(cwd);
    }
  });
});
