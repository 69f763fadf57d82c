// The shared argument helper and the error printer, called directly: parseArgs' errors become InvalidArgument
// with the synopsis as advice; anything thrown becomes two lines; a stack only with TINYDEPLOY_DEBUG=1.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { parseCommandArgs, type CommandSpec } from '../../core/cli/args.js';
import { describeCliError, reportCliError } from '../../core/cli/errors.js';
import { shellPath } from '../../core/cli/model-advice.js';

const OPTIONS = { out: { type: 'string' }, json: { type: 'boolean' } } as const;
const SPEC: CommandSpec<typeof OPTIONS> = {
  name: 'demo', synopsis: 'tinydeploy demo <model> --out <dir> [--json]', help: 'Usage: the long help',
  options: OPTIONS, positionals: { min: 1, max: 1, what: 'model file' },
};

function parseError(argv: string[]): TinyDeployError {
  try { parseCommandArgs(SPEC, argv); } catch (e) { expect(e).toBeInstanceOf(TinyDeployError); return e as TinyDeployError; }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

afterEach(() => { delete process.env.TINYDEPLOY_DEBUG; });

describe('parseCommandArgs', () => {
  it('returns the values and positionals, and null for --help or -h anywhere', () => {
    expect(parseCommandArgs(SPEC, ['m.tflite', '--out', 'o', '--json'])).toMatchObject({ values: { out: 'o', json: true }, positionals: ['m.tflite'] });
    expect(parseCommandArgs(SPEC, ['m.tflite', '--out=o'])?.values.out).toBe('o');
    expect(parseCommandArgs(SPEC, ['--out', 'o', '-h'])).toBeNull();
    expect(parseCommandArgs(SPEC, ['--help'])).toBeNull();
  });

  it.each([
    [['m', '--bogus'], 'demo: unknown option --bogus'],
    [['m', '-x'], 'demo: unknown option -x'],
    [['m', '--out'], 'demo: --out needs a value'],
    [['m', '--out', '--json'], 'demo: --out needs a value'],
    [['m', '--json=1'], 'demo: --json takes no value'],
    [[], 'demo: no model file given'],
    [['a', 'b'], 'demo: expected one model file, also got b'],
  ])('refuses %j with "%s" and the synopsis as advice', (argv, message) => {
    const err = parseError(argv);
    expect(err.code).toBe(ErrorCode.InvalidArgument);
    expect(err.message).toBe(message);
    expect(err.advice).toBe('Usage: tinydeploy demo <model> --out <dir> [--json]');
  });
});

describe('shellPath', () => {
  it.each(['plain/model.tflite', 'my model.tflite', "it's here/m.h5", 'a$b`c".keras', '-dash.tflite'])('%s survives a shell as one argument', (file) => {
    const typed = shellPath(file);
    expect(execFileSync('sh', ['-c', `printf %s ${typed}`], { encoding: 'utf8' })).toBe(file);
  });
});

describe('describeCliError', () => {
  it('prints a TinyDeployError as its message and advice, each on one line', () => {
    const err = new TinyDeployError(ErrorCode.ModelMalformed, 'bad model:\n  tensor 3 is dangling', { advice: 'Export it again\nfrom Keras.' });
    expect(describeCliError(err)).toEqual(['error: bad model: tensor 3 is dangling', '  Export it again from Keras.']);
  });

  it('names the path of a raw file-system error a reader let through', async () => {
    const enoent = await readFile('/nonexistent/model.tflite').catch((e: unknown) => e);
    expect(describeCliError(enoent)).toEqual(['error: cannot use "/nonexistent/model.tflite": no such file or folder',
      '  Check the path and its permissions, then run the command again.']);
  });

  it('reports any other exception as an unexpected failure in one line, with where to look', () => {
    const [line, advice] = describeCliError(new RangeError('offset out of bounds\nat byte 12'));
    expect(line).toBe('error: unexpected failure: RangeError: offset out of bounds at byte 12');
    expect(advice).toMatch(/TINYDEPLOY_DEBUG=1/);
  });

  it('reportCliError returns 2 and adds the stacks of the error and its cause only with TINYDEPLOY_DEBUG=1', () => {
    const err = new TinyDeployError(ErrorCode.Internal, 'outer', { cause: new Error('inner') });
    const quiet: string[] = [];
    expect(reportCliError(err, (l) => quiet.push(l))).toBe(2);
    expect(quiet).toHaveLength(2);
    process.env.TINYDEPLOY_DEBUG = '1';
    const loud: string[] = [];
    reportCliError(err, (l) => loud.push(l));
    expect(loud.slice(0, 2)).toEqual(quiet);
    expect(loud[2]).toMatch(/^TinyDeployError: outer\n\s+at /);
    expect(loud[3]).toMatch(/^Error: inner\n\s+at /);
  });
});
