// `tinydeploy flash <sketch> --fqbn F [--port P] [--build DIR] [--json]` and `tinydeploy toolchain [--json]`:
// the same compile/upload/health calls the app makes, for a terminal or a script.
import { boardForFqbn } from '../boards/index.js';
import { checkReadable } from '../formats/index.js';
import { checkHealth, compileSketch, locateArduinoCli, uploadSketch } from '../toolchain/index.js';
import { argumentError, parseCommandArgs, type CommandSpec } from './args.js';

const FLASH_OPTIONS = { fqbn: { type: 'string' }, port: { type: 'string' }, build: { type: 'string' }, json: { type: 'boolean' } } as const;
const FLASH: CommandSpec<typeof FLASH_OPTIONS> = {
  name: 'flash',
  synopsis: 'tinydeploy flash <sketch folder> --fqbn FQBN [--port PORT] [--build DIR] [--json] (e.g. --fqbn arduino:avr:uno)',
  help: `Usage: tinydeploy flash <sketch folder> --fqbn FQBN [--port PORT] [--build DIR] [--json]
  --fqbn <fqbn>   the board, e.g. arduino:avr:uno (tinydeploy ports names the boards plugged in)
  --port <port>   upload to this serial port after compiling (without it: compile only)
  --build <dir>   keep the build output in this folder
  --json          print flash/RAM use (and the port) as JSON`,
  options: FLASH_OPTIONS,
  positionals: { min: 1, max: 1, what: 'sketch folder' },
};

export async function flashCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(FLASH, args);
  if (!parsed) { console.log(FLASH.help); return 0; }
  const { values: v } = parsed;
  const sketchDir = parsed.positionals[0]!;
  if (!v.fqbn) throw argumentError(FLASH, '--fqbn is missing (which board to compile for)');
  await checkReadable(sketchDir, 'sketch folder', 'folder', 'Give the folder holding the .ino sketch (tinydeploy renders one from a model).');
  const { fqbn, port, build: buildDir, json } = v;
  const cli = await locateArduinoCli();
  const progress = json ? undefined : (e: { message?: string }) => e.message && console.error(e.message);
  const built = await compileSketch(cli, { sketchDir, fqbn, ...(buildDir ? { buildDir } : {}), ...(progress ? { onProgress: progress } : {}) });
  const board = boardForFqbn(fqbn);
  const result: Record<string, unknown> = { board: board?.name ?? fqbn, flash: built.flash, ram: built.ram, buildDir: built.buildDir };
  if (port) {
    const up = await uploadSketch(cli, { port, fqbn, buildDir: built.buildDir, sketchDir, ...(progress ? { onProgress: progress } : {}) });
    result.port = up.port;
  }
  if (json) console.log(JSON.stringify(result));
  else {
    const pct = (u: number, m: number | null) => (m ? ` of ${m} (${Math.round((u / m) * 100)} %)` : '');
    console.log(`${result.board}: flash ${built.flash.used}${pct(built.flash.used, built.flash.max)} bytes, ` +
      `RAM ${built.ram.used}${pct(built.ram.used, built.ram.max)} bytes${port ? `; uploaded to ${String(result.port)}` : ''}`);
  }
  return 0;
}

const TOOLCHAIN_OPTIONS = { json: { type: 'boolean' } } as const;
const TOOLCHAIN: CommandSpec<typeof TOOLCHAIN_OPTIONS> = {
  name: 'toolchain', synopsis: 'tinydeploy toolchain [--json]',
  help: 'Usage: tinydeploy toolchain [--json]\n  --json   the arduino-cli health report as JSON',
  options: TOOLCHAIN_OPTIONS, positionals: { min: 0, max: 0, what: 'argument' },
};

/** Exit 1 (not 2) when arduino-cli runs but reports problems: a check that failed, not a usage error. */
export async function toolchainCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(TOOLCHAIN, args);
  if (!parsed) { console.log(TOOLCHAIN.help); return 0; }
  const cli = await locateArduinoCli();
  const health = await checkHealth(cli);
  if (parsed.values.json) console.log(JSON.stringify(health));
  else {
    console.log(`arduino-cli ${health.version} (${health.path})`);
    console.log(`data ${health.config.dataDir ?? '?'}, user ${health.config.userDir ?? '?'}`);
    console.log(`cores: ${health.cores.map((c) => `${c.id}@${c.version || 'manual'}`).join(', ') || 'none'}`);
    for (const p of health.problems) console.log(`problem: ${p}`);
  }
  return health.problems.length === 0 ? 0 : 1;
}
