// `tinydeploy flash <sketch> --fqbn F [--port P] [--build DIR] [--json]` and `tinydeploy toolchain [--json]`:
// the same compile/upload/health calls the app makes, for a terminal or a script.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { boardForFqbn } from '../boards/index.js';
import { checkHealth, compileSketch, locateArduinoCli, uploadSketch } from '../toolchain/index.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function flashCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const sketchDir = args.find((a, i) => !a.startsWith('--') && !['--fqbn', '--port', '--build'].includes(args[i - 1] ?? ''));
  const fqbn = option(args, '--fqbn');
  if (!sketchDir || !fqbn) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, 'flash needs a sketch folder and --fqbn.', {
      advice: 'Example: tinydeploy flash ./MySketch --fqbn arduino:avr:uno --port /dev/ttyACM0',
    });
  }
  const port = option(args, '--port');
  const buildDir = option(args, '--build');
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

export async function toolchainCommand(args: string[]): Promise<number> {
  const cli = await locateArduinoCli();
  const health = await checkHealth(cli);
  if (args.includes('--json')) console.log(JSON.stringify(health));
  else {
    console.log(`arduino-cli ${health.version} (${health.path})`);
    console.log(`data ${health.config.dataDir ?? '?'}, user ${health.config.userDir ?? '?'}`);
    console.log(`cores: ${health.cores.map((c) => `${c.id}@${c.version || 'manual'}`).join(', ') || 'none'}`);
    for (const p of health.problems) console.log(`problem: ${p}`);
  }
  return health.problems.length === 0 ? 0 : 1;
}
