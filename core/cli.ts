// The `tinydeploy` CLI: each command is a thin wrapper over the same core functions the app calls.
import { TinyDeployError } from './api/index.js';

const USAGE = `Usage: tinydeploy <command> [options]

Commands:
  simulate <uno|cortex-m4f> [--firmware FILE] [--icount] [--unthrottled] [--json]
                             run a simulated board until Ctrl-C; prints its port
  ports [--json]             serial ports, real and simulated, named through the board catalog
  inspect <model> [--json]   per-layer table: op, shapes, parameters, MACs, bytes
  compress <model> --data <csv> --out <dir> [--quantize int8] [--prune structured:0.5] [--distill width:0.5]
                             prune, distill and quantize with a measured report; writes the int8 .tflite
  native <model> --out <dir> [--prefix p] [--labels a,b] [--json]
                             the int8 model as C (model.h/.c + kernels) and its memory report
  flash <sketch> --fqbn FQBN [--port PORT] [--build DIR] [--json]
                             compile with arduino-cli (flash/RAM against the board) and upload
  toolchain [--json]         which arduino-cli, its directories and cores, and any problem
  serve [--port N]           the app's UI in your browser (127.0.0.1, with a launch token)`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  simulate: async () => (await import('./cli/simulate.js')).simulateCommand,
  ports: async () => (await import('./cli/ports.js')).portsCommand,
  inspect: async () => (await import('./cli/inspect.js')).inspectCommand,
  compress: async () => (await import('./cli/compress.js')).compressCommand,
  native: async () => (await import('./cli/native.js')).nativeCommand,
  flash: async () => (await import('./cli/flash.js')).flashCommand,
  toolchain: async () => (await import('./cli/flash.js')).toolchainCommand,
  serve: async () => (await import('./cli/serve.js')).serveCommand,
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
