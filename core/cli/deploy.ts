// `tinydeploy deploy <model> --board B`: the whole chain in one command, with progress, then live results until
// Ctrl-C (or the first one only with --once).
import { deploy } from '../jobs/deploy.js';
import { argumentError, parseCommandArgs, type CommandSpec } from './args.js';
import { describeMessage, printSession, untilInterrupted } from './live-print.js';

const OPTIONS = {
  board: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, quantize: { type: 'string' },
  labels: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, once: { type: 'boolean' }, json: { type: 'boolean' },
} as const;
const DEPLOY: CommandSpec<typeof OPTIONS> = {
  name: 'deploy',
  synopsis: 'tinydeploy deploy <model> --board <id|simulated-uno|simulated-m4f> [--port P] [--data D] [--quantize int8] [--labels a,b] [--period ms] [--once] [--json]',
  help: `Usage: tinydeploy deploy <model> --board <id|simulated-uno|simulated-m4f> [options]
  --board <id>        a catalog id (uno, nano33ble-sense-rev2, …) or simulated-uno / simulated-m4f
  --port <port>       the board's serial port (needed for a real board; a simulated one is started)
  --data <file>       CSV or .npz: calibration data for --quantize, class names for the labels
  --quantize int8     quantize a float model on the way
  --labels <a,b,…>    one name per output value
  --period <ms>       stream period, default 200 (0: as fast as the link allows)
  --out <dir>         keep the sketch and the build here
  --once              stop after the first live result (default: stream until Ctrl-C)
  --json              progress and messages as JSON lines`,
  options: OPTIONS,
  positionals: { min: 1, max: 1, what: 'model file' },
};

export async function deployCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(DEPLOY, args);
  if (!parsed) { console.log(DEPLOY.help); return 0; }
  const v = parsed.values;
  if (!v.board) throw argumentError(DEPLOY, '--board is missing (which board to deploy to)');
  if (v.quantize !== undefined && v.quantize !== 'int8') throw argumentError(DEPLOY, `--quantize ${v.quantize} is not supported; use --quantize int8`);
  const period = v.period === undefined ? undefined : Number(v.period);
  if (period !== undefined && (!Number.isInteger(period) || period < 0 || period > 65535)) throw argumentError(DEPLOY, `--period must be 0…65535 ms, not "${v.period}"`);
  const json = v.json ?? false;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let result;
  try {
    result = await deploy({
      model: parsed.positionals[0]!, board: v.board, ...(v.port ? { port: v.port } : {}), ...(v.data ? { data: v.data } : {}),
      ...(v.quantize ? { quantize: 'int8' as const } : {}), ...(v.labels ? { labels: v.labels.split(',') } : {}),
      ...(period !== undefined ? { periodMs: period } : {}), ...(v.out ? { workDir: v.out } : {}), signal: controller.signal,
      onProgress: (e) => (json ? console.log(JSON.stringify({ type: 'progress', ...e })) : console.error(`[${e.stage}] ${e.message ?? ''}`)),
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  try {
    if (json) console.log(JSON.stringify({ type: 'deployed', board: result.board.id, port: result.port, flash: result.flash, ram: result.ram, hash: result.model.hash }));
    else {
      console.log(`${result.board.name} on ${result.port}: flash ${result.flash.used} B, RAM ${result.ram.used} B`);
      console.log(describeMessage(result.hello));
      console.log(describeMessage(result.firstResult));
      if (result.ram0) console.log(describeMessage(result.ram0));
    }
    if (!v.once) {
      if (!json) console.error('streaming; Ctrl-C stops');
      printSession(result.session, json);
      await untilInterrupted();
    }
    return 0;
  } finally {
    await result.session.stop();
    await result.virtualBoard?.stop();
  }
}
