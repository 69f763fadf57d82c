// One argument parser for every command: node's util.parseArgs in strict mode, whose errors become
// InvalidArgument errors naming the flag, with the command's one-line synopsis as advice.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ErrorCode, TinyDeployError } from '../api/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec<O extends Options> {
  /** The command's name, as typed after `tinydeploy`. */
  name: string;
  /** One line: `tinydeploy <name> <positionals> [options]` — the advice of every argument error. */
  synopsis: string;
  /** The full help text, printed by --help. */
  help: string;
  options: O;
  /** How many positional arguments, and what they are called in errors ("a model file"). */
  positionals: { min: number; max: number; what: string };
}

export type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>;

export function argumentError(spec: { name: string; synopsis: string }, message: string, cause?: unknown): TinyDeployError {
  return new TinyDeployError(ErrorCode.InvalidArgument, `${spec.name}: ${message}`, { advice: `Usage: ${spec.synopsis}`, cause });
}

/** parseArgs' long messages, reduced to what the student typed wrong. */
function describeParseError(err: Error & { code?: string }): string {
  const flag = /'(-{1,2}[^' <=]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `unknown option ${flag ?? err.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(err.message) ? `${flag} needs a value` : `${flag} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''}`.trim();
    default: return err.message;
  }
}

/**
 * Parses argv against the spec; returns null when --help/-h was asked for (the caller prints spec.help).
 * Throws InvalidArgument for an unknown flag, a missing value or the wrong number of positionals.
 */
export function parseCommandArgs<O extends Options>(spec: CommandSpec<O>, argv: readonly string[]): ParsedArgs<O> | null {
  if (argv.includes('--help') || argv.includes('-h')) return null;
  let parsed: ParsedArgs<O>;
  try {
    parsed = parseArgs({ args: [...argv], options: spec.options, strict: true, allowPositionals: true }) as ParsedArgs<O>;
  } catch (err) {
    if (err instanceof TypeError && 'code' in err) throw argumentError(spec, describeParseError(err as TypeError & { code?: string }), err);
    throw err;
  }
  const { min, max, what } = spec.positionals;
  const n = parsed.positionals.length;
  if (n < min) throw argumentError(spec, `no ${what} given`);
  if (n > max) {
    const extra = parsed.positionals.slice(max).join(' ');
    throw argumentError(spec, max === 0 ? `unexpected argument ${extra}` : `expected ${max === 1 ? `one ${what}` : `at most ${max}`}, also got ${extra}`);
  }
  return parsed;
}
