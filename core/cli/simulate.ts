// `tinydeploy simulate <uno|cortex-m4f> [--firmware FILE] [--icount] [--unthrottled]`: runs a simulated board
// until Ctrl-C, printing its port, so arduino-cli, avrdude or a serial monitor can use it (demo mode).
import { parseArgs } from 'node:util';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { startVirtualBoard, type VirtualBoardKind } from '../device/index.js';

const USAGE = 'Usage: tinydeploy simulate <uno|cortex-m4f> [--firmware FILE.hex|FILE.elf] [--icount] [--unthrottled] [--json]';

export async function simulateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      firmware: { type: 'string' },
      icount: { type: 'boolean' },
      unthrottled: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const kind = positionals[0];
  if (kind !== 'uno' && kind !== 'cortex-m4f') {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `Unknown simulated board "${kind ?? ''}"`, { advice: USAGE });
  }
  const board = await startVirtualBoard({
    kind: kind as VirtualBoardKind,
    ...(values.firmware ? { firmware: values.firmware } : {}),
    icount: values.icount ?? false,
    unthrottled: values.unthrottled ?? false,
  });
  if (values.json) console.log(JSON.stringify({ kind: board.kind, label: board.label, port: board.port, pid: board.pid }));
  else console.log(`${board.label} on ${board.port} — press Ctrl-C to stop`);
  const stop = (): void => void board.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await board.exited;
  return 0;
}
