// `tinydeploy ports [--json]`: the serial ports a board may be on, real and simulated, with their names.
import { listPorts } from '../device/index.js';

export async function portsCommand(args: string[]): Promise<number> {
  const list = await listPorts();
  if (args.includes('--json')) {
    console.log(JSON.stringify(list));
    return 0;
  }
  for (const w of list.warnings) console.error(`warning: ${w}`);
  if (list.ports.length === 0) console.log('No serial ports found. Plug a board in, or run: tinydeploy simulate uno');
  for (const p of list.ports) console.log(`${p.address}\t${p.label}`);
  return 0;
}
