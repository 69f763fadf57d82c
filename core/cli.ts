// The `tinydeploy` CLI: each command is a thin wrapper over the same core functions the app calls.
import { TinyDeployError } from './api/index.js';

const USAGE = `Usage: tinydeploy <command> [options]

Commands:
  inspect <model> [--json]   per-layer table: op, shapes, parameters, MACs, bytes`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  inspect: async () => (await import('./cli/inspect.js')).inspectCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof TinyDeployError) {
      console.error(`error: ${err.message}${err.advice ? `\n  ${err.advice}` : ''}`);
      return 1;
    }
    throw err;
  }
}
