// `tinydeploy validate --port P --model M [--data D] [-n N]`: the board runs N vectors in host mode and its int8
// outputs are compared byte for byte with core/runtime; prints agreement and on-board accuracy. Exit 1 if any differ.
import { BoardSession } from '../device/session.js';
import { validateOnBoard } from '../device/validate.js';
import { prepareModel } from '../jobs/prepare-model.js';
import { validationInputs } from '../jobs/validation-inputs.js';
import { argumentError, parseCommandArgs, type CommandSpec } from './args.js';

const OPTIONS = {
  port: { type: 'string' }, model: { type: 'string' }, data: { type: 'string' }, n: { type: 'string', short: 'n' },
  seed: { type: 'string' }, baud: { type: 'string' }, json: { type: 'boolean' },
} as const;
const VALIDATE: CommandSpec<typeof OPTIONS> = {
  name: 'validate',
  synopsis: 'tinydeploy validate --port PORT --model MODEL [--data CSV|NPZ] [-n 20] [--seed 1] [--json]',
  help: `Usage: tinydeploy validate --port PORT --model MODEL [--data CSV|NPZ] [-n 20] [--seed 1] [--json]
  --port <port>    the board's serial port (it runs a TinyDeploy sketch of MODEL)
  --model <file>   the int8 model deployed on the board
  --data <file>    send these rows (quantized to int8) and score accuracy with their labels; else random vectors
  -n <count>       how many vectors, default 20
  --seed <n>       seed of the random vectors, default 1
  --json           the report as JSON`,
  options: OPTIONS,
  positionals: { min: 0, max: 0, what: 'argument' },
};

function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw argumentError(VALIDATE, `${flag} must be a whole number, not "${value}"`);
  return n;
}

export async function validateCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(VALIDATE, args);
  if (!parsed) { console.log(VALIDATE.help); return 0; }
  const v = parsed.values;
  if (!v.port) throw argumentError(VALIDATE, '--port is missing (the board to validate)');
  if (!v.model) throw argumentError(VALIDATE, '--model is missing (the int8 model the board runs)');
  const n = wholeNumber('-n', v.n, 20);
  if (n === 0) throw argumentError(VALIDATE, '-n must be at least 1');
  const model = await prepareModel(v.model, v.data ? { data: v.data } : {});
  const { inputs, labels, from } = validationInputs(model.graph, n, model.dataset, wholeNumber('--seed', v.seed, 1));
  const baudRate = v.baud ? wholeNumber('--baud', v.baud, 115200) : undefined;
  const session = new BoardSession({ path: v.port, ...(baudRate ? { baudRate } : {}) });
  try {
    await session.start();
    const report = await validateOnBoard({
      session, graph: model.graph, inputs, ...(labels ? { labels } : {}), expectHash: model.hash,
      onProgress: (done, total) => { if (!v.json) process.stderr.write(`\r${done}/${total}`); },
    });
    if (!v.json) process.stderr.write('\n');
    if (v.json) console.log(JSON.stringify({ ...report, from, lostLines: session.stats.lostLines }));
    else {
      console.log(`${report.equal}/${report.total} ${from} vectors byte-exact with core/runtime (${(report.agreement * 100).toFixed(1)} %), ` +
        `mean latency ${Math.round(report.meanLatencyUs)} µs`);
      if (report.accuracy !== undefined) console.log(`accuracy on the board ${(report.accuracy * 100).toFixed(1)} % (host ${((report.hostAccuracy ?? 0) * 100).toFixed(1)} %)`);
      for (const m of report.mismatches) console.log(`vector ${m.index}: board [${m.board.join(' ')}] host [${m.host.join(' ')}]`);
    }
    return report.equal === report.total ? 0 : 1;
  } finally {
    await session.stop();
  }
}
