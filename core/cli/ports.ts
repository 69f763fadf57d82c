// `tinydeploy ports [--json]`: the serial ports a board may be on, real and simulated, with their names.
import { listPorts } from '../device/index.js';
import { parseCommandArgs, type CommandSpec } from './args.js';

const OPTIONS = { json: { type: 'boolean' } } as const;
const SPEC: CommandSpec<typeof OPTIONS> = {
  name: 'ports', synopsis: 'tinydeploy ports [--json]',
  help: 'Usage: tinydeploy ports [--json]\n  --json   one JSON object: the ports and any warning',
  options: OPTIONS, positionals: { min: 0, max: 0, what: 'argument' },
};

export async function portsCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(SPEC, args);
  if (!parsed) { console.log(SPEC.help); return 0; }
  const list = await listPorts();
  if (parsed.values.json) {
    console.log(JSON.stringify(list));
    return 0;
  }
  for (const w of list.warnings) console.error(`warning: ${w}`);
  if (list.ports.length === 0) console.log('No serial ports found. Plug a board in, or run: tinydeploy simulate uno');
  for (const p of list.ports) console.log(`${p.address}\t${p.label}`);
  return 0;
}
