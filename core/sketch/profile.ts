// sketch.yaml: an arduino-cli build profile that pins the board's core (and the libraries the sketch includes).
import { coreById, type BoardSpec } from '../boards/index.js';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { renderTemplate } from './template.js';
import { CORE_VERSIONS, type PinnedLibrary } from './versions.js';

export interface PinnedCore {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** The package index, when arduino-cli does not know it by default. */
  readonly indexUrl?: string;
}

/** The board's core and the version the profile pins. */
export function pinnedCore(board: BoardSpec): PinnedCore {
  const core = board.core ? coreById(board.core) : undefined;
  const version = board.core ? CORE_VERSIONS[board.core] : undefined;
  if (!board.fqbn || !core || !version) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `the ${board.name} is not built from an Arduino sketch`, {
      advice: 'Pick an Arduino board or the simulated Uno; the simulated Cortex-M4F runs the mps2 firmware (tinydeploy deploy builds it).',
    });
  }
  return { id: core.id, name: core.name, version, ...(core.additionalIndex ? { indexUrl: core.indexUrl } : {}) };
}

/** A profile id arduino-cli accepts: the board id with anything else turned into "_". */
export function profileId(board: BoardSpec): string {
  return board.id.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function renderProfile(board: BoardSpec, sketchName: string, libraries: readonly PinnedLibrary[]): string {
  const core = pinnedCore(board);
  const platforms = [`      - platform: ${core.id} (${core.version})`];
  if (core.indexUrl) platforms.push(`        platform_index_url: ${core.indexUrl}`);
  const libs = libraries.length === 0 ? '' : ['    libraries:', ...libraries.map((l) => `      - ${l.name} (${l.version})`)].join('\n');
  return renderTemplate('sketch/sketch.yaml', {
    PINS_LIBRARIES: libraries.length > 0 ? ' and libraries' : '',
    PROFILE_ID: profileId(board),
    SKETCH_NAME: sketchName,
    BOARD_NAME: board.name,
    FQBN: board.fqbn!,
    PLATFORMS: platforms.join('\n'),
    LIBRARIES: libs,
  }).replace(/\n\n+/g, '\n');
}
