// The `tinydeploy` CLI: each command is a thin wrapper over the same core functions the app calls.
// Adding a command: one row in COMMANDS (its synopsis line, what it does, and where its function lives).
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { EXIT_ERROR, reportCliError } from './errors.js';

type Command = (args: string[]) => Promise<number>;

interface CommandEntry {
  /** Arguments after the command's name, as shown in the overview. */
  synopsis: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  simulate: {
    synopsis: '<uno|cortex-m4f> [--firmware FILE] [--icount] [--unthrottled] [--json]',
    summary: 'run a simulated board until Ctrl-C; prints its port',
    load: async () => (await import('./simulate.js')).simulateCommand,
  },
  ports: {
    synopsis: '[--json]', summary: 'serial ports, real and simulated, named through the board catalog',
    load: async () => (await import('./ports.js')).portsCommand,
  },
  inspect: {
    synopsis: '<model> [--json]', summary: 'the detected format, then per layer: op, shapes, parameters, MACs, bytes',
    load: async () => (await import('./inspect.js')).inspectCommand,
  },
  compress: {
    synopsis: '<model> --data <csv|npz> --out <dir> [--quantize int8] [--prune structured:0.5] [--distill width:0.5]',
    summary: 'prune, distill and quantize with a measured report; writes the int8 .tflite',
    load: async () => (await import('./compress.js')).compressCommand,
  },
  native: {
    synopsis: '<model> --out <dir> [--prefix p] [--labels a,b] [--json] | <float model> --estimate',
    summary: 'the int8 model as C (model.h/.c + kernels) and its memory report; --estimate sizes a float model',
    load: async () => (await import('./native.js')).nativeCommand,
  },
  flash: {
    synopsis: '<sketch> --fqbn FQBN [--port PORT] [--build DIR] [--json]',
    summary: 'compile with arduino-cli (flash/RAM against the board) and upload',
    load: async () => (await import('./flash.js')).flashCommand,
  },
  deploy: {
    synopsis: '<model> --board <id|simulated-uno|simulated-m4f> [--port P] [--data D] [--quantize int8] [--once] [--json]',
    summary: 'import → quantize → fit check → sketch → compile → upload → live results, in one command',
    load: async () => (await import('./deploy.js')).deployCommand,
  },
  monitor: {
    synopsis: '--port P [--json] [--count N]', summary: 'live results and RAM statistics from a board; reconnects by itself',
    load: async () => (await import('./monitor.js')).monitorCommand,
  },
  validate: {
    synopsis: '--port P --model M [--data D] [-n N] [--json]', summary: 'the board\'s int8 outputs against core/runtime, byte for byte; accuracy',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  toolchain: {
    synopsis: '[--json]', summary: 'which arduino-cli, its directories and cores, and any problem',
    load: async () => (await import('./flash.js')).toolchainCommand,
  },
  serve: {
    synopsis: '[--port N]', summary: 'the app\'s UI in your browser (127.0.0.1, with a launch token)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
};

/** The overview printed by `tinydeploy --help`, built from the command table. */
export function usage(): string {
  const lines = Object.entries(COMMANDS).flatMap(([name, c]) => [`  ${name} ${c.synopsis}`, `      ${c.summary}`]);
  return ['Usage: tinydeploy <command> [options]   (tinydeploy <command> --help for its options)', '', 'Commands:', ...lines].join('\n');
}

/** Runs one command line; returns the exit code (0 success, 2 any error, 1 where a command reports a failed check). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  try {
    if (!name) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, 'no command given', { advice: `Commands: ${Object.keys(COMMANDS).join(', ')}; tinydeploy --help describes them.` });
    }
    const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!entry) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `unknown command "${name}"`, { advice: `Commands: ${Object.keys(COMMANDS).join(', ')}; tinydeploy --help describes them.` });
    }
    return await (await entry.load())(rest);
  } catch (err) {
    return reportCliError(err);
  }
}

export { EXIT_ERROR, reportCliError };
