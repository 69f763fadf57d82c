// Arduino libraries through arduino-cli: install by name (pinned version) and list what is installed.
import { ErrorCode, TinyDeployError, type ProgressListener } from '../api/index.js';
import { cliErrorText, runCli, type ArduinoCli, type CallOptions } from './run.js';

export interface InstalledLibrary {
  readonly name: string;
  readonly version: string;
  readonly installDir: string;
}

/** `lib list --json` → installed libraries (v1.x: {"installed_libraries":[{"library":{name,version,install_dir}}]}). */
export function parseLibraryList(json: unknown): InstalledLibrary[] {
  if (typeof json !== 'object' || json === null) return [];
  const list = (json as Record<string, unknown>).installed_libraries;
  if (!Array.isArray(list)) return [];
  const out: InstalledLibrary[] = [];
  for (const entry of list) {
    const lib = (entry as Record<string, unknown> | null)?.library as Record<string, unknown> | undefined;
    if (!lib || typeof lib.name !== 'string') continue;
    out.push({
      name: lib.name,
      version: typeof lib.version === 'string' ? lib.version : '',
      installDir: typeof lib.install_dir === 'string' ? lib.install_dir : '',
    });
  }
  return out;
}

export async function listLibraries(cli: ArduinoCli, opts: CallOptions = {}): Promise<InstalledLibrary[]> {
  const r = await runCli(cli, ['lib', 'list'], { ...opts, defaultTimeoutMs: 30_000 });
  if (r.exitCode !== 0) {
    throw new TinyDeployError(ErrorCode.Internal, `arduino-cli could not list libraries: ${cliErrorText(r)}`);
  }
  return parseLibraryList(r.json);
}

/** `lib install "Name@version"`; a library already installed at that version is a no-op for arduino-cli too. */
export async function installLibrary(
  cli: ArduinoCli,
  name: string,
  opts: CallOptions & { version?: string; onProgress?: ProgressListener } = {},
): Promise<void> {
  if (!/^[\w .+-]{1,100}$/.test(name)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `"${name}" is not a library name.`);
  }
  const spec = opts.version ? `${name}@${opts.version}` : name;
  opts.onProgress?.({ job: 'lib-install', stage: 'index', fraction: 0, message: 'Updating the library index' });
  const idx = await runCli(cli, ['lib', 'update-index'], { ...opts, defaultTimeoutMs: 120_000 });
  if (idx.exitCode !== 0) throw libError(spec, cliErrorText(idx));
  opts.onProgress?.({ job: 'lib-install', stage: 'download', fraction: 0.3, message: `Installing ${spec}` });
  const r = await runCli(cli, ['lib', 'install', '--', spec], {
    ...opts,
    defaultTimeoutMs: 10 * 60_000,
    onStderrLine: (line) => opts.onProgress?.({ job: 'lib-install', stage: 'download', fraction: 0.5, message: line }),
  });
  if (r.exitCode !== 0) throw libError(spec, cliErrorText(r));
  opts.onProgress?.({ job: 'lib-install', stage: 'done', fraction: 1, message: `${spec} installed` });
}

function libError(spec: string, text: string): TinyDeployError {
  const notFound = /not found|no valid library/i.test(text);
  return new TinyDeployError(ErrorCode.ToolMissing, `The library ${spec} could not be installed${notFound ?
    ': no library of that name and version is in the index' : ''}.`, {
    advice: notFound ? 'Check the library name and version.' :
      'Installing a library needs internet access once; or copy it into the Arduino libraries folder by hand.',
    cause: text,
  });
}
