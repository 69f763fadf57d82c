import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardById } from '../../core/boards/index.js';
import {
  candidatePaths, cliEnv, isPseudoTerminal, parseBoardList, parseConfigDump, parseCoreList, parseJsonOutput,
  parseLibraryList, uploadArgs, versionFromJson,
} from '../../core/toolchain/index.js';

const JUNK: unknown[] = [null, undefined, 0, 'x', [], {}, { detected_ports: 'x' }, { platforms: {} },
  { installed_libraries: [null, 1, { library: 5 }] }, { config: 7 }];

describe('board list naming', () => {
  it('names a Nano 33 BLE Sense from its USB id, not "0x2341:0x805a"', () => {
    const ports = parseBoardList({
      detected_ports: [
        { port: { address: '/dev/ttyACM0', protocol: 'serial', properties: { vid: '0x2341', pid: '0x805A', serialNumber: 'ABC' } } },
        { matching_boards: [{ name: 'Arduino UNO', fqbn: 'arduino:avr:uno' }],
          port: { address: '/dev/ttyACM1', protocol: 'serial', properties: { vid: '0x2341', pid: '0x0043' } } },
        { port: { address: '/dev/ttyUSB0', properties: { vid: '0x1a86', pid: '0x7523' } } },
        { port: { address: '/dev/ttyS0', protocol: 'serial', properties: {} } },
        { matching_boards: [{ name: 'Some Other Board', fqbn: 'vendor:arch:other' }], port: { address: '/dev/ttyACM5' } },
      ],
    });
    expect(ports.map((p) => p.label)).toEqual([
      'Arduino Nano 33 BLE Sense on /dev/ttyACM0',
      'Arduino Uno on /dev/ttyACM1',
      'Arduino Nano? on /dev/ttyUSB0',
      '/dev/ttyS0',
      'Some Other Board on /dev/ttyACM5',
    ]);
    expect(ports[0]!.candidates.map((b) => b.id)).toEqual(['nano33ble-sense-rev1', 'nano33ble-sense-rev2']);
    expect(ports[0]!.fqbn).toBe('arduino:mbed_nano:nano33ble');
    expect(ports[0]!.serialNumber).toBe('ABC');
    expect(ports[2]!.certain).toBe(false);
    expect(ports[3]!.boardName).toBeNull();
    expect(ports[4]!.fqbn).toBe('vendor:arch:other');
  });

  it('reads the empty and null port lists arduino-cli prints, and junk', () => {
    expect(parseBoardList({ detected_ports: [] })).toEqual([]);
    expect(parseBoardList({ detected_ports: null })).toEqual([]);
    for (const j of JUNK) expect(parseBoardList(j)).toEqual([]);
    expect(parseBoardList({ detected_ports: [null, 1, { port: {} }, { port: { address: 3 } }] })).toEqual([]);
  });
});

describe('other arduino-cli JSON', () => {
  it('reads core list, including a hand-placed platform', () => {
    expect(parseCoreList({ platforms: [
      { id: 'arduino:avr', installed_version: '1.8.7', manually_installed: true, latest_version: '1.8.7' },
      { id: 'bad id' }, 5,
    ] })).toEqual([{ id: 'arduino:avr', version: '1.8.7', manuallyInstalled: true, latestVersion: '1.8.7' }]);
    for (const j of JUNK) expect(parseCoreList(j)).toEqual([]);
  });

  it('reads config dump, library list and version, and junk', () => {
    expect(parseConfigDump({ config: { directories: { data: '/d', user: '/u' }, board_manager: { additional_urls: ['a', 3] } } }))
      .toEqual({ dataDir: '/d', userDir: '/u', additionalUrls: ['a'] });
    expect(parseLibraryList({ installed_libraries: [{ library: { name: 'PDM', version: '1.0', install_dir: '/x' } }] }))
      .toEqual([{ name: 'PDM', version: '1.0', installDir: '/x' }]);
    expect(versionFromJson({ Application: 'arduino-cli', VersionString: '1.5.1' })).toBe('1.5.1');
    for (const j of JUNK) {
      expect(parseConfigDump(j).additionalUrls).toEqual([]);
      expect(parseLibraryList(j)).toEqual([]);
      expect(versionFromJson(j)).toBeNull();
    }
    expect(versionFromJson({ VersionString: 'git-snapshot' })).toBeNull();
  });

  it('parses JSON output only when it is JSON', () => {
    expect(parseJsonOutput('  {"a":1}\n')).toEqual({ a: 1 });
    expect(parseJsonOutput('Error: accepts at most 1 arg(s)')).toBeUndefined();
    expect(parseJsonOutput('{"truncated":')).toBeUndefined();
    expect(parseJsonOutput('')).toBeUndefined();
  });
});

describe('arduino-cli invocation', () => {
  it('sets our directories and silences the updater through the environment', () => {
    expect(cliEnv({ dataDir: '/d', userDir: '/u', additionalUrls: ['https://a/x.json', 'https://b/y.json'] })).toEqual({
      ARDUINO_UPDATER_ENABLE_NOTIFICATION: 'false',
      ARDUINO_DIRECTORIES_DATA: '/d',
      ARDUINO_DIRECTORIES_USER: '/u',
      ARDUINO_BOARD_MANAGER_ADDITIONAL_URLS: 'https://a/x.json https://b/y.json',
    });
    expect(cliEnv({})).toEqual({ ARDUINO_UPDATER_ENABLE_NOTIFICATION: 'false' });
  });

  it('looks for arduino-cli where configured, then bundled, then on PATH', () => {
    const c = candidatePaths({ configuredPath: '/opt/cli', toolsDir: '/app/tools' }, { PATH: '/usr/bin:/bin:/usr/bin' }, 'linux');
    expect(c).toEqual([
      { path: '/opt/cli', source: 'configured' },
      { path: path.join('/app/tools', 'bin', 'arduino-cli'), source: 'bundled' },
      { path: path.join('/usr/bin', 'arduino-cli'), source: 'path' },
      { path: path.join('/bin', 'arduino-cli'), source: 'path' },
    ]);
    expect(candidatePaths({ searchPath: false }, { PATH: '/usr/bin' }, 'linux')).toEqual([]);
    expect(candidatePaths({}, { Path: 'C:\\tools' }, 'win32')[0]!.path).toMatch(/arduino-cli\.exe$/);
  });

  it('builds upload arguments: -l serial for real ports, discovery bypass for ptys, fast sync for optiboot', () => {
    const uno = boardById('uno')!;
    const real = uploadArgs({ port: '/dev/ttyACM0', fqbn: 'arduino:avr:uno', buildDir: '/b', sketchDir: '/s' }, uno);
    expect(real).toEqual(['upload', '-p', '/dev/ttyACM0', '-l', 'serial', '--fqbn', 'arduino:avr:uno', '--input-dir', '/b',
      '--upload-property', 'upload.protocol=arduino -xattempts=3', '--', '/s']);
    const pty = uploadArgs({ port: '/dev/pts/4', fqbn: 'arduino:avr:uno', sketchDir: '/s', syncAttempts: 99 }, uno);
    expect(pty.slice(0, 5)).toEqual(['upload', '-p', '/dev/pts/4', '--discovery-timeout', '100ms']);
    expect(pty).toContain('upload.protocol=arduino -xattempts=10');
    const mega = uploadArgs({ port: '/dev/ttyACM0', fqbn: 'arduino:avr:mega', sketchDir: '/s' }, boardById('mega2560'));
    expect(mega.join(' ')).not.toContain('xattempts');
    expect(isPseudoTerminal('/dev/pts/12')).toBe(true);
    expect(isPseudoTerminal('/dev/ttyACM0')).toBe(false);
    expect(isPseudoTerminal('COM3')).toBe(false);
  });
});
