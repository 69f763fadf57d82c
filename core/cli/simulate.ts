// `tinydeploy simulate <uno|cortex-m4f> [--firmware FILE] [--icount] [--unthrottled]`: runs a simulated board
// until Ctrl-C, printing its port, so arduino-cli, avrdude or a serial monitor can use it (demo mode).
import { checkReadable } from '../formats/index.js';
import { startVirtualBoard, type VirtualBoardKind } from '../device/index.js';
import { argumentError, parseCommandArgs, type CommandSpec } from './args.js';

const OPTIONS = {
  firmware: { type: 'string' }, icount: { type: 'boolean' }, unthrottled: { type: 'boolean' }, json: { type: 'boolean' },
} as const;
const SPEC: CommandSpec<typeof OPTIONS> = {
  name: 'simulate',
  synopsis: 'tinydeploy simulate <uno|cortex-m4f> [--firmware FILE.hex|FILE.elf] [--icount] [--unthrottled] [--json]',
  help: `Usage: tinydeploy simulate <uno|cortex-m4f> [--firmware FILE.hex|FILE.elf] [--icount] [--unthrottled] [--json]
  --firmware <file>  start with this firmware instead of waiting for an upload
  --icount           count instructions (QEMU -icount) for cycle-exact timing
  --unthrottled      run as fast as the host allows instead of real time
  --json             print the board's kind, label, port and pid as JSON`,
  options: OPTIONS,
  positionals: { min: 1, max: 1, what: 'board (uno or cortex-m4f)' },
};

export async function simulateCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(SPEC, args);
  if (!parsed) { console.log(SPEC.help); return 0; }
  const { values, positionals } = parsed;
  const kind = positionals[0];
  if (kind !== 'uno' && kind !== 'cortex-m4f') throw argumentError(SPEC, `unknown simulated board "${kind ?? ''}" (uno or cortex-m4f)`);
  if (values.firmware !== undefined) {
    await checkReadable(values.firmware, '--firmware file', 'file', 'Give the .hex (Uno) or .elf (Cortex-M4F) that arduino-cli built.');
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
