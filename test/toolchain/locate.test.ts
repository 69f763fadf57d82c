// Finding arduino-cli among candidates (real executables written here: a working one, junk, a non-executable).
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import {
  ArduinoCliMissingError, locateArduinoCli, portGoneAfterUpload, runCli, toolsDirSettings, waitForPort,
} from '../../core/toolchain/index.js';
import { boardById } from '../../core/boards/index.js';
import { onPath, tierAvailable } from '../support/tools.js';

function script(dir: string, name: string, body: string, mode = 0o755): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, mode);
  return file;
}

describe.runIf(tierAvailable('unit', [onPath('sh')]))('locating arduino-cli', () => {
  it('is ArduinoCliMissing with the places it looked when nothing works', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'td-locate-'));
    const junk = script(dir, 'junk-cli', 'echo "not json"; exit 0');
    const noexec = script(dir, 'noexec-cli', 'echo \'{"VersionString":"1.5.1"}\'', 0o644);
    const old = script(dir, 'crash-cli', 'exit 3');
    for (const configuredPath of [junk, noexec, old, path.join(dir, 'absent')]) {
      const err = await locateArduinoCli({ configuredPath, toolsDir: dir, searchPath: false }).catch((e: unknown) => e);
      expect(err, configuredPath).toBeInstanceOf(ArduinoCliMissingError);
      expect((err as ArduinoCliMissingError).code).toBe(ErrorCode.ToolMissing);
      expect((err as ArduinoCliMissingError).message).toContain(configuredPath);
      expect((err as ArduinoCliMissingError).advice).toMatch(/download/i);
    }
  });

  it('takes the bundled copy with the tools folder\'s offline directories', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'td-locate-'));
    mkdirSync(path.join(dir, 'bin'));
    mkdirSync(path.join(dir, 'arduino', 'data'), { recursive: true });
    // Prints the directories it was given, so the test sees the environment core/toolchain set.
    script(path.join(dir, 'bin'), 'arduino-cli',
      'echo "{\\"VersionString\\":\\"1.5.1\\",\\"Data\\":\\"$ARDUINO_DIRECTORIES_DATA\\",\\"N\\":\\"$ARDUINO_UPDATER_ENABLE_NOTIFICATION\\"}"');
    const cli = await locateArduinoCli({ toolsDir: dir, searchPath: false });
    expect(cli.source).toBe('bundled');
    expect(cli.version).toBe('1.5.1');
    expect(cli.settings).toEqual(toolsDirSettings(dir));
    const r = await runCli(cli, ['version'], { defaultTimeoutMs: 10_000 });
    expect(r.json).toMatchObject({ Data: path.join(dir, 'arduino', 'data'), N: 'false' });
  });

  it('prefers a configured path over the bundled one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'td-locate-'));
    mkdirSync(path.join(dir, 'bin'));
    script(path.join(dir, 'bin'), 'arduino-cli', 'echo \'{"VersionString":"1.5.1"}\'');
    const mine = script(dir, 'my-cli', 'echo \'{"VersionString":"1.6.0"}\'');
    const cli = await locateArduinoCli({ configuredPath: mine, toolsDir: dir, searchPath: false });
    expect([cli.source, cli.version]).toEqual(['configured', '1.6.0']);
  });

  it('a spawned arduino-cli that is not there is ArduinoCliMissing; a hung one times out; abort cancels', async () => {
    await expect(runCli({ path: '/nonexistent/arduino-cli', settings: {} }, ['version'], { defaultTimeoutMs: 5000 }))
      .rejects.toBeInstanceOf(ArduinoCliMissingError);
    const dir = mkdtempSync(path.join(tmpdir(), 'td-locate-'));
    const hung = script(dir, 'hung-cli', 'sleep 30');
    await expect(runCli({ path: hung, settings: {} }, ['compile'], { defaultTimeoutMs: 200 }))
      .rejects.toMatchObject({ code: ErrorCode.Timeout });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await expect(runCli({ path: hung, settings: {} }, ['upload'], { defaultTimeoutMs: 10_000, signal: ac.signal }))
      .rejects.toMatchObject({ code: ErrorCode.Cancelled });
  });
});

describe('waiting for the port after an upload', () => {
  it('returns as soon as the port is back, and false when it never comes', async () => {
    let calls = 0;
    expect(await waitForPort('/dev/ttyACM1', 2000, undefined, async () => ++calls >= 3)).toBe(true);
    expect(calls).toBe(3);
    expect(await waitForPort('/dev/ttyACM1', 250, undefined, async () => false)).toBe(false);
    const err = portGoneAfterUpload({ port: '/dev/ttyACM1', board: boardById('nano33ble-sense-rev2')! });
    expect(err.code).toBe(ErrorCode.PortGoneAfterUpload);
    expect(err.advice).toMatch(/replug/);
    expect(err.advice).toMatch(/double-tap/i);
  });
});
