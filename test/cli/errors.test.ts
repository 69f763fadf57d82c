// Every kind of bad argument and bad path, for every command, spawned as a user runs it: exit code 2, one
// `error: …` line, one line of advice, nothing on stdout, and no stack trace (only with TINYDEPLOY_DEBUG=1).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../support/fixtures.js';
import { sharedModel } from '../support/tools.js';
import { cli, errorLines, type CliOptions } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'td-cli-errors-'));
// nobody must be able to reach the unreadable file's folder, so only the file's own mode denies it.
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const p = (name: string): string => path.join(dir, name);
mkdirSync(p('folder'));
writeFileSync(p('garbage.tflite'), 'this is not a flatbuffer at all');
writeFileSync(p('garbage.h5'), 'not HDF5 either, just text');
writeFileSync(p('sketch.ino'), 'void setup() {}\nvoid loop() {}\n');
writeFileSync(p('secret.csv'), 'x,label\n1,0\n');
chmodSync(p('secret.csv'), 0o000);
writeFileSync(p('secret.tflite'), 'x');
chmodSync(p('secret.tflite'), 0o000);
execFileSync('mkfifo', [p('fifo.tflite')]);

const h5 = fixturePath('sine', 'model.h5');
const float = fixturePath('sine', 'float.tflite');
const int8 = sharedModel('hello_world_int8.tflite');
const csv = fixturePath('data', 'sine.csv');
const out = p('out');
// Root reads any file whatever its mode, so the permission cases run as nobody when the tests run as root.
const unprivileged: CliOptions = process.getuid?.() === 0 ? { asUser: { uid: 65534, gid: 65534 } } : {};

const cases: [string, string[], RegExp, CliOptions?][] = [
  ['no command', [], /^error: no command given/],
  ['an unknown command', ['deploi'], /^error: unknown command "deploi"/],
  ['inspect without a model', ['inspect'], /^error: inspect: no model file given/],
  ['inspect with an unknown flag', ['inspect', float, '--bogus'], /^error: inspect: unknown option --bogus/],
  ['inspect with two models', ['inspect', float, h5], /^error: inspect: expected one model file, also got /],
  ['inspect with a value on a switch', ['inspect', float, '--json=yes'], /^error: inspect: --json takes no value/],
  ['inspect of a missing file', ['inspect', p('nope.tflite')], /^error: cannot read model ".*nope\.tflite": no such file or folder/],
  ['inspect of a folder without model.json', ['inspect', p('folder')], /^error: cannot read model ".*folder": it is a folder without a readable model\.json/],
  ['inspect of a FIFO', ['inspect', p('fifo.tflite')], /^error: cannot read model ".*fifo\.tflite": it is not a regular file/],
  ['inspect of an unreadable file', ['inspect', p('secret.tflite')], /^error: cannot read model ".*secret\.tflite": permission denied/, unprivileged],
  ['inspect of garbage', ['inspect', p('garbage.tflite')], /^error: Malformed \.tflite file/],
  ['compress with a missing --data file', ['compress', h5, '--data', p('missing.npz'), '--out', out, '--quantize', 'int8'],
    /^error: cannot read --data file ".*missing\.npz": no such file or folder/],
  ['compress with --data and no value', ['compress', h5, '--out', out, '--quantize', 'int8', '--data'], /^error: compress: --data needs a value/],
  ['compress with a folder as --data', ['compress', h5, '--data', p('folder'), '--out', out, '--quantize', 'int8'], /^error: cannot read --data file ".*folder": it is a folder, not a file/],
  ['compress with an unreadable --data', ['compress', h5, '--data', p('secret.csv'), '--out', out, '--quantize', 'int8'], /^error: cannot read --data file ".*secret\.csv": permission denied/, unprivileged],
  ['compress of a missing model', ['compress', p('nope.h5'), '--data', csv, '--out', out, '--quantize', 'int8'], /^error: cannot read model ".*nope\.h5": no such file/],
  ['compress of a malformed model', ['compress', p('garbage.h5'), '--data', csv, '--out', out, '--quantize', 'int8'], /^error: .*(HDF5|\.h5)/i],
  ['compress with an unknown flag', ['compress', h5, '--data', csv, '--out', out, '--quantise', 'int8'], /^error: compress: unknown option --quantise/],
  ['compress with a bad number', ['compress', h5, '--data', csv, '--out', out, '--prune', 'structured:0.5', '--epochs', 'x'], /^error: compress: --epochs: "x" is not a whole number/],
  ['native without --out', ['native', int8], /^error: native: --out is missing/],
  ['native with --out and no value', ['native', int8, '--out'], /^error: native: --out needs a value/],
  ['native of a missing model', ['native', p('nope.tflite'), '--out', out], /^error: cannot read model ".*nope\.tflite": no such file/],
  ['native of a float model', ['native', float, '--out', out], /^error: native: .*float\.tflite is a float TensorFlow Lite flatbuffer/],
  ['native with a bad prefix', ['native', int8, '--out', out, '--prefix', '9lives'], /^error: .*prefix/i],
  ['native with a file as --out', ['native', int8, '--out', p('sketch.ino')], /^error: cannot use ".*sketch\.ino": a file of that name is in the way/],
  ['native --estimate with --out', ['native', float, '--estimate', '--out', out], /^error: native: --estimate writes no files/],
  ['flash without --fqbn', ['flash', p('folder')], /^error: flash: --fqbn is missing/],
  ['flash of a missing sketch', ['flash', p('nope'), '--fqbn', 'arduino:avr:uno'], /^error: cannot read sketch folder ".*nope": no such file or folder/],
  ['flash of a file instead of a sketch folder', ['flash', p('sketch.ino'), '--fqbn', 'arduino:avr:uno'], /^error: cannot read sketch folder ".*sketch\.ino": it is a file, not a folder/],
  ['flash with an unknown flag', ['flash', p('folder'), '--fqbn', 'arduino:avr:uno', '--verify'], /^error: flash: unknown option --verify/],
  ['simulate of an unknown board', ['simulate', 'mega'], /^error: simulate: unknown simulated board "mega"/],
  ['simulate without a board', ['simulate'], /^error: simulate: no board \(uno or cortex-m4f\) given/],
  ['simulate with a missing firmware', ['simulate', 'uno', '--firmware', p('nope.hex')], /^error: cannot read --firmware file ".*nope\.hex": no such file/],
  ['ports with an argument', ['ports', 'extra'], /^error: ports: unexpected argument extra/],
  ['ports with an unknown flag', ['ports', '--all'], /^error: ports: unknown option --all/],
  ['toolchain with an unknown flag', ['toolchain', '-v'], /^error: toolchain: unknown option -v/],
];

describe('CLI errors', () => {
  it.concurrent.each(cases)('%s: exit 2, one error line and one line of advice, no stack', async (_name, args, message, options) => {
    const run = await cli(args, options);
    const lines = errorLines(run);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines, run.stderr).toHaveLength(2);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toMatch(/^ {2}\S/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('native on a float model advises the exact compress command for that file', async () => {
    const run = await cli(['native', float, '--out', out]);
    expect(errorLines(run)[1]).toBe(`  Quantize it to int8 with your data: tinydeploy compress ${float} --data <your data.csv|.npz> --out <dir> --quantize int8 ` +
      `(no data at hand? tinydeploy native ${float} --estimate gives RAM, flash and board fit, without accuracy)`);
  });

  it('TINYDEPLOY_DEBUG=1 adds the stack of the error and of its cause', async () => {
    const run = await cli(['inspect', p('nope.tflite')], { env: { ...process.env, TINYDEPLOY_DEBUG: '1' } });
    expect(run.code).toBe(2);
    expect(errorLines(run)[0]).toMatch(/^error: cannot read model/);
    expect(run.stderr).toMatch(/^TinyDeployError: cannot read model[^\n]*\n\s+at /m);
    expect(run.stderr).toMatch(/ENOENT/);
  });

  it('-h and --help print a command\'s help and exit 0, even beside other flags (never handed to arduino-cli)', async () => {
    const [flash, top] = await Promise.all([cli(['flash', '-h', '--fqbn', 'arduino:avr:uno']), cli(['--help'])]);
    expect(flash.code).toBe(0);
    expect(flash.stdout).toMatch(/^Usage: tinydeploy flash <sketch folder> --fqbn FQBN/);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/inspect <model>/);
  });
});
