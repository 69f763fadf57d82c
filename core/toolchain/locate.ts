// Finding arduino-cli: a configured path, the copy bundled with the app (or built by setup), then PATH.
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArduinoCliMissingError } from './errors.js';
import { ARDUINO_CLI_VERSION, compareVersions } from './pinned.js';
import { runCli, type ArduinoCli, type CallOptions, type CliSettings } from './run.js';

export interface LocateOptions extends CallOptions {
  /** A path the student or the settings chose; tried first. */
  readonly configuredPath?: string;
  /** The app's own tools folder (scripts/setup.sh's .tools, or the packaged app's resources). */
  readonly toolsDir?: string;
  /** Look on PATH too (default true). */
  readonly searchPath?: boolean;
  /** Directories for arduino-cli; default: the tools folder's offline layout when it has one, else arduino-cli's. */
  readonly settings?: CliSettings;
}

export interface Candidate {
  readonly path: string;
  readonly source: 'configured' | 'bundled' | 'path';
}

/** The .tools folder next to the sources (TINYDEPLOY_TOOLS_DIR overrides), as scripts/setup.sh lays it out. */
export function defaultToolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TINYDEPLOY_TOOLS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.tools');
}

/** The offline data/user layout that scripts/setup-arduino.sh creates under a tools folder. */
export function toolsDirSettings(toolsDir: string): CliSettings {
  const base = path.join(toolsDir, 'arduino');
  return { dataDir: path.join(base, 'data'), userDir: path.join(base, 'user'), downloadsDir: path.join(base, 'downloads') };
}

/** Where to look, in order (pure: the file system is not touched). */
export function candidatePaths(
  opts: Pick<LocateOptions, 'configuredPath' | 'toolsDir' | 'searchPath'>,
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform,
): Candidate[] {
  const exe = platform === 'win32' ? 'arduino-cli.exe' : 'arduino-cli';
  const out: Candidate[] = [];
  if (opts.configuredPath) out.push({ path: opts.configuredPath, source: 'configured' });
  if (opts.toolsDir) out.push({ path: path.join(opts.toolsDir, 'bin', exe), source: 'bundled' });
  if (opts.searchPath !== false) {
    const sep = platform === 'win32' ? ';' : ':';
    const dirs = (env.PATH ?? env.Path ?? '').split(sep).filter(Boolean);
    for (const d of dirs) out.push({ path: path.join(d, exe), source: 'path' });
  }
  const seen = new Set<string>();
  return out.filter((c) => (seen.has(c.path) ? false : (seen.add(c.path), true)));
}

/** The version in `arduino-cli version --json` output ({"VersionString":"1.5.1",…}), or null. */
export function versionFromJson(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  const v = o.VersionString ?? o.version_string ?? o.version;
  return typeof v === 'string' && /^\d+\.\d+\.\d+/.test(v) ? v : null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return existsSync(file);
  } catch {
    return false;
  }
}

/** Runs `arduino-cli version` on one path; null when it is not a working arduino-cli. */
export async function probeVersion(file: string, settings: CliSettings, opts: CallOptions = {}): Promise<string | null> {
  if (!isExecutable(file)) return null;
  try {
    const r = await runCli({ path: file, settings }, ['version'], { ...opts, defaultTimeoutMs: 10_000 });
    return r.exitCode === 0 ? versionFromJson(r.json) : null;
  } catch (err) {
    if (err instanceof ArduinoCliMissingError) return null;
    throw err;
  }
}

/** The first working arduino-cli among the candidates; throws ArduinoCliMissingError when there is none. */
export async function locateArduinoCli(opts: LocateOptions = {}): Promise<ArduinoCli & { source: Candidate['source'] }> {
  const toolsDir = opts.toolsDir ?? defaultToolsDir();
  const candidates = candidatePaths({ ...opts, toolsDir });
  for (const c of candidates) {
    const bundled = c.source === 'bundled' && existsSync(path.join(toolsDir, 'arduino', 'data'));
    const settings = opts.settings ?? (bundled ? toolsDirSettings(toolsDir) : {});
    const version = await probeVersion(c.path, settings, opts);
    if (version) return { path: c.path, version, settings, source: c.source };
  }
  throw new ArduinoCliMissingError(candidates.filter((c) => c.source !== 'path').map((c) => c.path).concat('PATH'));
}

/** True when the found version is the pinned one or newer within the same major version. */
export function isSupportedVersion(version: string): boolean {
  return version.split('.')[0] === ARDUINO_CLI_VERSION.split('.')[0] && compareVersions(version, ARDUINO_CLI_VERSION) >= 0;
}
