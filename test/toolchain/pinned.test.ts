import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ARDUINO_CLI_VERSION, SERIAL_DISCOVERY_VERSION, SERIAL_MONITOR_VERSION, checksumFor, compareVersions,
  isSupportedVersion, releaseAsset, releasePlatformName,
} from '../../core/toolchain/index.js';
import { REPO_ROOT } from '../support/tools.js';

describe('pinned arduino-cli release', () => {
  it('pins the same versions as scripts/setup-arduino.sh', () => {
    const script = readFileSync(path.join(REPO_ROOT, 'scripts', 'setup-arduino.sh'), 'utf8');
    const pin = (name: string) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(script)?.[1];
    expect(pin('ARDUINO_CLI_VERSION')).toBe(ARDUINO_CLI_VERSION);
    expect(pin('SERIAL_DISCOVERY_VERSION')).toBe(SERIAL_DISCOVERY_VERSION);
    expect(pin('SERIAL_MONITOR_VERSION')).toBe(SERIAL_MONITOR_VERSION);
  });

  it('picks the release file for each machine', () => {
    const linux = releaseAsset('linux', 'x64', '1.5.1')!;
    expect(linux.fileName).toBe('arduino-cli_1.5.1_Linux_64bit.tar.gz');
    expect(linux.url.endsWith('/arduino-cli_1.5.1_Linux_64bit.tar.gz')).toBe(true);
    expect(linux.checksumsUrl.endsWith('/arduino-cli_1.5.1-checksums.txt')).toBe(true);
    expect(linux.executable).toBe('arduino-cli');
    expect(releaseAsset('darwin', 'arm64', '1.5.1')!.fileName).toBe('arduino-cli_1.5.1_macOS_ARM64.tar.gz');
    const win = releaseAsset('win32', 'x64', '1.5.1')!;
    expect([win.fileName, win.archive, win.executable]).toEqual(['arduino-cli_1.5.1_Windows_64bit.zip', 'zip',
      'arduino-cli.exe']);
    expect(releasePlatformName('linux', 'arm64')).toBe('Linux_ARM64');
    expect(releasePlatformName('linux', 'arm')).toBe('Linux_ARMv7');
  });

  it('refuses machines and versions with no release', () => {
    expect(releaseAsset('sunos', 'x64')).toBeNull();
    expect(releaseAsset('darwin', 'ia32')).toBeNull();
    expect(releaseAsset('linux', 'x64', '1.5')).toBeNull();
    expect(releaseAsset('linux', 'x64', '../../etc')).toBeNull();
  });

  it('finds a file\'s checksum in a release list and ignores junk lines', () => {
    const sha = 'ab'.repeat(32);
    const list = `garbage line\n${'cd'.repeat(32)}  arduino-cli_1.5.1_Linux_32bit.tar.gz\n${sha}  arduino-cli_1.5.1_Linux_64bit.tar.gz\n`;
    expect(checksumFor(list, 'arduino-cli_1.5.1_Linux_64bit.tar.gz')).toBe(sha);
    expect(checksumFor(list, 'arduino-cli_1.5.1_macOS_64bit.tar.gz')).toBeNull();
    expect(checksumFor('\u0000\u0001{}[]', 'x')).toBeNull();
    expect(checksumFor(`${'zz'.repeat(32)}  x`, 'x')).toBeNull();
  });

  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBeGreaterThan(0);
    expect(compareVersions('1.5.1', '1.5.1')).toBe(0);
    expect(compareVersions('0.35.3', '1.5.1')).toBeLessThan(0);
    expect(isSupportedVersion('1.5.1')).toBe(true);
    expect(isSupportedVersion('1.4.1')).toBe(false);
    expect(isSupportedVersion('2.0.0')).toBe(false);
    expect(isSupportedVersion('garbage')).toBe(false);
  });
});
