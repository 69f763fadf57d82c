// `tinydeploy monitor --port P [--json] [--count N]`: live results and RAM statistics from a board running a
// TinyDeploy sketch; reconnects by itself after a reset or an upload; Ctrl-C ends it with the session's figures.
import { BoardSession } from '../device/session.js';
import { argumentError, parseCommandArgs, type CommandSpec } from './args.js';
import { printSession, untilInterrupted } from './live-print.js';

const OPTIONS = { port: { type: 'string' }, baud: { type: 'string' }, json: { type: 'boolean' }, count: { type: 'string' } } as const;
const MONITOR: CommandSpec<typeof OPTIONS> = {
  name: 'monitor',
  synopsis: 'tinydeploy monitor --port PORT [--baud 115200] [--json] [--count N]',
  help: `Usage: tinydeploy monitor --port PORT [--baud 115200] [--json] [--count N]
  --port <port>   the board's serial port (tinydeploy ports lists them)
  --baud <rate>   serial speed, default 115200
  --json          one JSON object per line (hello, result, ram, lost, raw, state)
  --count <n>     stop after n live results (default: run until Ctrl-C)`,
  options: OPTIONS,
  positionals: { min: 0, max: 0, what: 'argument' },
};

function positiveInt(spec: typeof MONITOR, flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw argumentError(spec, `${flag} must be a positive whole number, not "${value}"`);
  return n;
}

export async function monitorCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(MONITOR, args);
  if (!parsed) { console.log(MONITOR.help); return 0; }
  const v = parsed.values;
  if (!v.port) throw argumentError(MONITOR, '--port is missing (which serial port to read)');
  const baudRate = positiveInt(MONITOR, '--baud', v.baud);
  const count = positiveInt(MONITOR, '--count', v.count);
  const session = new BoardSession({ path: v.port, ...(baudRate ? { baudRate } : {}) });
  printSession(session, v.json ?? false);
  try {
    await session.start();
    await Promise.race([
      untilInterrupted(),
      ...(count ? [new Promise<void>((resolve) => session.on('result', () => { if (session.stats.results >= count) resolve(); }))] : []),
    ]);
  } finally {
    await session.stop();
  }
  const s = session.stats;
  const summary = { results: s.results, lostLines: s.lostLines, bytes: s.bytes, resets: s.resets, reconnects: s.reconnects };
  if (v.json) console.log(JSON.stringify({ type: 'stats', ...summary }));
  else console.error(`${s.results} results, ${s.lostLines} lines lost, ${s.bytes} bytes, ${s.resets} resets, ${s.reconnects} reconnects`);
  return 0;
}
