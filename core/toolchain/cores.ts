// Core packages through arduino-cli: which are installed, installing one (with progress), and the missing-core check.
import { ErrorCode, TinyDeployError, type ProgressListener } from '../api/index.js';
import { coreById, coreIdOfFqbn } from '../boards/index.js';
import { classifyCliError } from './classify.js';
import { CoreMissingError } from './errors.js';
import { cliErrorText, runCli, type ArduinoCli, type CallOptions } from './run.js';

export interface InstalledCore {
  readonly id: string;
  /** Empty for a platform placed by hand (e.g. Debian's AVR core) when it declares no version. */
  readonly version: string;
  readonly manuallyInstalled: boolean;
  readonly latestVersion?: string;
}

/** `core list --json` → installed cores; entries without an id are dropped, anything else is tolerated. */
export function parseCoreList(json: unknown): InstalledCore[] {
  if (typeof json !== 'object' || json === null) return [];
  const platforms = (json as Record<string, unknown>).platforms;
  if (!Array.isArray(platforms)) return [];
  const out: InstalledCore[] = [];
  for (const p of platforms) {
    if (typeof p !== 'object' || p === null) continue;
    const o = p as Record<string, unknown>;
    if (typeof o.id !== 'string' || !/^[\w.-]+:[\w.-]+$/.test(o.id)) continue;
    out.push({
      id: o.id,
      version: typeof o.installed_version === 'string' ? o.installed_version : '',
      manuallyInstalled: o.manually_installed === true,
      ...(typeof o.latest_version === 'string' ? { latestVersion: o.latest_version } : {}),
    });
  }
  return out;
}

export async function listInstalledCores(cli: ArduinoCli, opts: CallOptions = {}): Promise<InstalledCore[]> {
  const r = await runCli(cli, ['core', 'list'], { ...opts, defaultTimeoutMs: 30_000 });
  if (r.exitCode !== 0) {
    throw new TinyDeployError(ErrorCode.Internal, `arduino-cli could not list its cores: ${cliErrorText(r)}`);
  }
  return parseCoreList(r.json);
}

/** Throws CoreMissingError unless the core that builds this FQBN is installed. */
export async function ensureCoreFor(cli: ArduinoCli, fqbn: string, opts: CallOptions = {}): Promise<InstalledCore> {
  const coreId = coreIdOfFqbn(fqbn);
  if (coreId === null) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `"${fqbn}" is not a valid board id (FQBN).`,
      { advice: 'Choose the board again from the list.' });
  }
  const found = (await listInstalledCores(cli, opts)).find((c) => c.id === coreId);
  if (!found) throw new CoreMissingError(coreId);
  return found;
}

export interface InstallCoreOptions extends CallOptions {
  /** A version to pin ("4.2.1"); default the index's latest. */
  readonly version?: string;
  readonly onProgress?: ProgressListener;
}

/** `core update-index` then `core install`: stage events, and each line arduino-cli prints as a message. */
export async function installCore(cli: ArduinoCli, coreId: string, opts: InstallCoreOptions = {}): Promise<void> {
  const core = coreById(coreId);
  const urls = core?.additionalIndex ? [...(cli.settings.additionalUrls ?? []), core.indexUrl] : cli.settings.additionalUrls;
  const withUrls: ArduinoCli = { ...cli, settings: { ...cli.settings, ...(urls ? { additionalUrls: urls } : {}) } };
  const emit = (stage: string, fraction: number, message?: string) =>
    opts.onProgress?.({ job: 'core-install', stage, fraction, ...(message ? { message } : {}) });
  const lineTo = (stage: string, fraction: number) => (line: string) => emit(stage, fraction, line);

  emit('index', 0, `Downloading the package index for ${coreId}`);
  const idx = await runCli(withUrls, ['core', 'update-index'],
    { ...opts, defaultTimeoutMs: 120_000, onStderrLine: lineTo('index', 0.05) });
  if (idx.exitCode !== 0) throw offlineError(coreId, cliErrorText(idx));

  emit('download', 0.1, `Installing ${coreId}${opts.version ? `@${opts.version}` : ''} (downloads the compiler too)`);
  const spec = opts.version ? `${coreId}@${opts.version}` : coreId;
  const r = await runCli(withUrls, ['core', 'install', '--', spec],
    { ...opts, defaultTimeoutMs: 30 * 60_000, onStderrLine: lineTo('download', 0.5) });
  if (r.exitCode !== 0) {
    const text = cliErrorText(r);
    if (/not found|unknown package/i.test(text)) {
      throw new TinyDeployError(ErrorCode.CoreMissing, `No package index lists ${spec}.`,
        { advice: `Check the core name; its index is ${core?.indexUrl ?? 'unknown'}.`, cause: text });
    }
    throw classifyCliError(text) ?? offlineError(coreId, text);
  }
  emit('done', 1, `${coreId} installed`);
}

function offlineError(coreId: string, text: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.CoreMissing, `Installing ${coreId} failed: ${text.split('\n')[0]}`, {
    advice: 'Installing a core needs internet access once; on a lab network, ask for the proxy settings or copy ' +
      'the core from a machine that has it (its Arduino data folder, packages/).',
    cause: text,
  });
}
