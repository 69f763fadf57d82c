// The arduino-cli release the app is built and tested against, and which release file fits which machine.

/** Keep in step with scripts/setup-arduino.sh (a test compares them). */
export const ARDUINO_CLI_VERSION = '1.5.1';
export const SERIAL_DISCOVERY_VERSION = '1.5.1';
export const SERIAL_MONITOR_VERSION = '0.15.0';

const RELEASE_BASE = 'https://downloads.arduino.cc/arduino-cli';

export interface ReleaseAsset {
  /** e.g. "arduino-cli_1.5.1_Linux_64bit.tar.gz" */
  readonly fileName: string;
  readonly url: string;
  /** The release's checksum list ("<sha256>  <fileName>" lines). */
  readonly checksumsUrl: string;
  readonly archive: 'tar.gz' | 'zip';
  /** The executable's name inside the archive. */
  readonly executable: string;
}

/** The release's name for a Node platform/arch pair, or null where arduino-cli publishes no build. */
export function releasePlatformName(platform: string, arch: string): string | null {
  const table: Record<string, Record<string, string>> = {
    linux: { x64: 'Linux_64bit', ia32: 'Linux_32bit', arm64: 'Linux_ARM64', arm: 'Linux_ARMv7' },
    darwin: { x64: 'macOS_64bit', arm64: 'macOS_ARM64' },
    win32: { x64: 'Windows_64bit', ia32: 'Windows_32bit', arm64: 'Windows_64bit' },
  };
  return table[platform]?.[arch] ?? null;
}

/** The release file to download for this machine (defaults: the running Node's), or null when there is none. */
export function releaseAsset(
  platform: string = process.platform,
  arch: string = process.arch,
  version: string = ARDUINO_CLI_VERSION,
): ReleaseAsset | null {
  const name = releasePlatformName(platform, arch);
  if (name === null || !/^\d+\.\d+\.\d+$/.test(version)) return null;
  const archive = platform === 'win32' ? 'zip' : 'tar.gz';
  const fileName = `arduino-cli_${version}_${name}.${archive}`;
  return {
    fileName,
    url: `${RELEASE_BASE}/${fileName}`,
    checksumsUrl: `${RELEASE_BASE}/arduino-cli_${version}-checksums.txt`,
    archive,
    executable: platform === 'win32' ? 'arduino-cli.exe' : 'arduino-cli',
  };
}

/** The sha256 for fileName in a checksum list, or null when the list does not name it. */
export function checksumFor(checksums: string, fileName: string): string | null {
  for (const line of checksums.split(/\r?\n/)) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/i.exec(line.trim());
    if (m && m[2] === fileName) return m[1]!.toLowerCase();
  }
  return null;
}

/** Compares dotted versions numerically ("1.10.0" > "1.9.2"); junk parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).slice(0, 3).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).slice(0, 3).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
