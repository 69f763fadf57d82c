// How the CLI reports a failure: one `error: …` line and one line of advice, exit code 2. A stack trace only
// with TINYDEPLOY_DEBUG=1, so a student never has to read Node's internals to learn a file name was wrong.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { fsProblem } from '../formats/readable-path.js';

/** Every failed command exits with this code (usage errors, unreadable files, bad models, internal errors). */
export const EXIT_ERROR = 2;

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

/** The Node file-system error left unwrapped by a reader, as a TinyDeployError naming its path. */
function fromNodeError(err: NodeJS.ErrnoException): TinyDeployError | undefined {
  if (typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code)) return undefined;
  const where = err.path ? ` "${err.path}"` : '';
  return new TinyDeployError(ErrorCode.InvalidArgument, `cannot use${where}: ${fsProblem(err.code)}`, {
    advice: 'Check the path and its permissions, then run the command again.', cause: err,
  });
}

/** The two lines printed for any error a command throws. */
export function describeCliError(err: unknown): [string, string] {
  const known = err instanceof TinyDeployError ? err : err instanceof Error ? fromNodeError(err) : undefined;
  if (known) {
    const message = oneLine(known.message);
    const advice = known.advice ? oneLine(known.advice) : 'Run the command with --help to see what it expects.';
    return [`error: ${message}`, `  ${advice}`];
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return [`error: unexpected failure: ${oneLine(message)}`,
    '  This is a bug in TinyDeploy: run again with TINYDEPLOY_DEBUG=1 to see where, and report it.'];
}

/** Prints the error (with its stack and causes when TINYDEPLOY_DEBUG=1) and returns the exit code. */
export function reportCliError(err: unknown, write: (line: string) => void = (l) => console.error(l)): number {
  for (const line of describeCliError(err)) write(line);
  if (process.env.TINYDEPLOY_DEBUG === '1') {
    for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
      write(e instanceof Error ? (e.stack ?? String(e)) : String(e));
    }
  }
  return EXIT_ERROR;
}
