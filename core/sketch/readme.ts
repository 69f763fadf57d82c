// The student's README.md: what the sketch does, how to open it, what the Serial Monitor shows, the memory figures.
import type { BoardSpec } from '../boards/index.js';
import { renderTemplate } from './template.js';
import type { PinnedCore } from './profile.js';
import type { PinnedLibrary } from './versions.js';

export interface ReadmeFacts {
  readonly sketchName: string;
  readonly modelName: string;
  readonly hash: string;
  readonly board: BoardSpec;
  readonly core: PinnedCore;
  readonly profileId: string;
  readonly libraries: readonly PinnedLibrary[];
  readonly sourceTitle: string;
  readonly sourceNote: string;
  readonly backendTitle: string;
  readonly baud: number;
  readonly periodMs: number;
  readonly labels: readonly string[] | undefined;
  readonly outputSize: number;
  /** Input bytes: a one-value input is printed as x= on every result line. */
  readonly inputSize: number;
  readonly memory: ReadonlyArray<readonly [string, number]>;
  readonly files: readonly string[];
}

/** CRC-8/SMBUS, as docs/protocol.md frames every line. */
export function crc8(text: string): number {
  let crc = 0;
  for (const ch of Buffer.from(text, 'ascii')) {
    crc ^= ch;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** A result line as the board prints it, with made-up scores, for the README. */
export function exampleResultLine(labels: readonly string[] | undefined, outputSize: number, inputSize: number): string {
  const names = labels ?? Array.from({ length: outputSize }, (_, i) => (i === 0 ? 'y' : `y${i}`));
  const shown = names.slice(0, 6);
  const scores = shown.map((n, i) => `${n}:${(i === 0 ? 0.8125 : 0.1875 / (shown.length - 1 || 1)).toFixed(4)}`);
  const body = `${scores.join(' ')} top=${shown[0]} us=1234${inputSize === 1 ? ' x=1.5708' : ''} #17`;
  return `${body} *${crc8(body).toString(16).toUpperCase().padStart(2, '0')}`;
}

export function renderReadme(f: ReadmeFacts): string {
  const libSteps = f.libraries.length === 0 ? '' : `   *Sketch → Include Library → Manage Libraries…*: install ${f.libraries.map((l) => `**${l.name}** ${l.version}`).join(', ')}.\n`;
  return renderTemplate('sketch/README.md', {
    SKETCH_NAME: f.sketchName,
    BOARD_NAME: f.board.name,
    MODEL_NAME: f.modelName,
    MODEL_HASH: f.hash,
    SOURCE_TITLE: f.sourceTitle,
    BACKEND_TITLE: f.backendTitle,
    FQBN: f.board.fqbn!,
    CORE_NAME: f.core.name,
    CORE_VERSION: f.core.version,
    LIBRARY_STEPS: libSteps,
    PROFILE_ID: f.profileId,
    PINS_LIBRARIES: f.libraries.length > 0 ? ' and libraries' : '',
    BAUD: f.baud,
    PERIOD_MS: f.periodMs === 0 ? 'few' : f.periodMs,
    EXAMPLE_RESULT: exampleResultLine(f.labels, f.outputSize, f.inputSize),
    SOURCE_NOTE: f.sourceNote,
    MEMORY_ROWS: f.memory.map(([what, bytes]) => `| ${what} | ${bytes} |`).join('\n'),
    RAM_TOTAL: f.board.ramBytes,
    FLASH_TOTAL: f.board.flashBytes,
    FILE_LIST: f.files.map((n) => `- \`${n}\``).join('\n'),
  });
}
