// The toolchain's health check: which arduino-cli, which directories it really uses, which cores it has.
import { listInstalledCores, type InstalledCore } from './cores.js';
import { isSupportedVersion } from './locate.js';
import { ARDUINO_CLI_VERSION } from './pinned.js';
import { runCli, type ArduinoCli, type CallOptions } from './run.js';

export interface EffectiveConfig {
  readonly dataDir?: string;
  readonly userDir?: string;
  readonly downloadsDir?: string;
  readonly additionalUrls: readonly string[];
}

/** `config dump --json` ({"config":{directories:{data,user,downloads},board_manager:{additional_urls}}}). */
export function parseConfigDump(json: unknown): EffectiveConfig {
  const root = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const cfg = (typeof root.config === 'object' && root.config !== null ? root.config : root) as Record<string, unknown>;
  const dirs = (typeof cfg.directories === 'object' && cfg.directories !== null ? cfg.directories : {}) as
    Record<string, unknown>;
  const bm = (typeof cfg.board_manager === 'object' && cfg.board_manager !== null ? cfg.board_manager : {}) as
    Record<string, unknown>;
  const urls = Array.isArray(bm.additional_urls) ? bm.additional_urls.filter((u) => typeof u === 'string') : [];
  return {
    ...(typeof dirs.data === 'string' ? { dataDir: dirs.data } : {}),
    ...(typeof dirs.user === 'string' ? { userDir: dirs.user } : {}),
    ...(typeof dirs.downloads === 'string' ? { downloadsDir: dirs.downloads } : {}),
    additionalUrls: urls as string[],
  };
}

export async function effectiveConfig(cli: ArduinoCli, opts: CallOptions = {}): Promise<EffectiveConfig> {
  const r = await runCli(cli, ['config', 'dump'], { ...opts, defaultTimeoutMs: 10_000 });
  return parseConfigDump(r.json);
}

export interface HealthReport {
  readonly path: string;
  readonly version: string;
  readonly supported: boolean;
  readonly config: EffectiveConfig;
  readonly cores: readonly InstalledCore[];
  /** Sentences a student can act on; empty when all is well. */
  readonly problems: readonly string[];
}

export async function checkHealth(cli: ArduinoCli, opts: CallOptions = {}): Promise<HealthReport> {
  const config = await effectiveConfig(cli, opts);
  const cores = await listInstalledCores(cli, opts);
  const problems: string[] = [];
  const supported = isSupportedVersion(cli.version);
  if (!supported) {
    problems.push(`arduino-cli ${cli.version} is not the tested ${ARDUINO_CLI_VERSION}: let TinyDeploy download it.`);
  }
  if (cores.length === 0) problems.push('No board core is installed: install the core of your board first.');
  return { path: cli.path, version: cli.version, supported, config, cores, problems };
}
