// `arduino-cli board list`: the ports it sees, each named through our catalog ("Arduino Nano 33 BLE Sense").
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { boardForFqbn, boardForUsbId, normalizeUsbHex, type BoardSpec } from '../boards/index.js';
import { cliErrorText, runCli, type ArduinoCli, type CallOptions } from './run.js';

export interface DetectedPort {
  readonly address: string;
  readonly protocol: string;
  /** What the student sees: "Arduino Nano 33 BLE Sense on /dev/ttyACM0", or the port alone when unknown. */
  readonly label: string;
  /** The board's name, or null when neither the catalog nor arduino-cli knows it. */
  readonly boardName: string | null;
  readonly board?: BoardSpec;
  /** Entries the student chooses among when USB cannot tell them apart (Rev1/Rev2, plain/Sense). */
  readonly candidates: readonly BoardSpec[];
  /** False when the name is a guess from a generic USB-serial chip. */
  readonly certain: boolean;
  readonly fqbn?: string;
  readonly vid?: string;
  readonly pid?: string;
  readonly serialNumber?: string;
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

/** Names one port from `board list --json`'s detected_ports entry; undefined for an entry without an address. */
export function nameDetectedPort(entry: unknown): DetectedPort | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  const port = (e.port ?? {}) as Record<string, unknown>;
  const address = str(port.address);
  if (!address) return undefined;
  const props = (typeof port.properties === 'object' && port.properties !== null ? port.properties : {}) as
    Record<string, unknown>;
  const vid = normalizeUsbHex(String(props.vid ?? '')) ?? undefined;
  const pid = normalizeUsbHex(String(props.pid ?? '')) ?? undefined;
  const serialNumber = str(props.serialNumber);
  const protocol = str(port.protocol) ?? 'serial';

  const byUsb = vid && pid ? boardForUsbId(vid, pid) : undefined;
  const matching = Array.isArray(e.matching_boards) ? (e.matching_boards as unknown[]) : [];
  const first = (matching[0] ?? {}) as Record<string, unknown>;
  const cliFqbn = str(first.fqbn);
  const byFqbn = cliFqbn ? boardForFqbn(cliFqbn) : undefined;
  const board = byUsb?.board ?? byFqbn;
  const boardName = board?.name ?? str(first.name) ?? null;
  const fqbn = board?.fqbn ?? cliFqbn;
  return {
    address,
    protocol,
    label: boardName ? `${boardName}${byUsb && !byUsb.certain ? '?' : ''} on ${address}` : address,
    boardName,
    ...(board ? { board } : {}),
    candidates: byUsb?.candidates ?? (board ? [board] : []),
    certain: byUsb ? byUsb.certain : board !== undefined,
    ...(fqbn ? { fqbn } : {}),
    ...(vid ? { vid } : {}),
    ...(pid ? { pid } : {}),
    ...(serialNumber ? { serialNumber } : {}),
  };
}

/** `board list --json` → named ports; detected_ports may be null or missing (no ports). */
export function parseBoardList(json: unknown): DetectedPort[] {
  if (typeof json !== 'object' || json === null) return [];
  const ports = (json as Record<string, unknown>).detected_ports;
  if (!Array.isArray(ports)) return [];
  return ports.map(nameDetectedPort).filter((p): p is DetectedPort => p !== undefined);
}

export async function listBoards(cli: ArduinoCli, opts: CallOptions = {}): Promise<DetectedPort[]> {
  const r = await runCli(cli, ['board', 'list', '--discovery-timeout', '1s'], { ...opts, defaultTimeoutMs: 20_000 });
  if (r.exitCode !== 0) {
    throw new TinyDeployError(ErrorCode.Internal, `arduino-cli could not list the ports: ${cliErrorText(r)}`, {
      advice: 'Run the set-up again (serial-discovery may be missing), or restart the app.',
    });
  }
  return parseBoardList(r.json);
}
