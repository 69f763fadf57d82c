// The real arduino-cli (built by scripts/setup-arduino.sh) through core/toolchain: compile, typed failures, ports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { boardById } from '../../core/boards/index.js';
import {
  ARDUINO_CLI_VERSION, checkHealth, compileSketch, CompileFailedError, CoreMissingError, ensureCoreFor, listBoards,
  locateArduinoCli, PortError, uploadSketch, type ArduinoCli, type CompileResult,
} from '../../core/toolchain/index.js';
import { tierAvailable, TOOLS_DIR } from '../support/tools.js';
import { ARDUINO_TOOL_CHECKS, copySketch, startPty, tempBuildDir, type PtyStandIn } from '../support/arduino.js';

const run = tierAvailable('sim', ARDUINO_TOOL_CHECKS);

async function rejection(p: Promise<unknown>): Promise<TinyDeployError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TinyDeployError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe.runIf(run)('arduino-cli through core/toolchain (real tools)', () => {
  let cli: ArduinoCli;
  let hello: string;
  let built: CompileResult;
  const ptys: PtyStandIn[] = [];

  beforeAll(async () => {
    cli = await locateArduinoCli({ toolsDir: TOOLS_DIR, searchPath: false });
    hello = copySketch('TdHello');
    built = await compileSketch(cli, { sketchDir: hello, fqbn: 'arduino:avr:uno', buildDir: tempBuildDir() });
  });
  afterAll(() => ptys.forEach((p) => p.stop()));

  it('finds the pinned arduino-cli with the offline AVR core and no problems', async () => {
    expect(cli.version).toBe(ARDUINO_CLI_VERSION);
    const health = await checkHealth(cli);
    expect(health.cores.map((c) => c.id)).toContain('arduino:avr');
    expect(health.config.dataDir).toBe(cli.settings.dataDir);
    expect(health.problems).toEqual([]);
    expect((await ensureCoreFor(cli, 'arduino:avr:uno')).manuallyInstalled).toBe(true);
  });

  it('compiles a sketch for the Uno and reports flash and RAM against the Uno\'s limits', () => {
    const uno = boardById('uno')!;
    expect(built.flash.used).toBeGreaterThan(500);
    expect(built.flash.used).toBeLessThan(built.flash.max!);
    expect(built.flash.max).toBe(uno.flashBytes);
    expect(built.ram.used).toBeGreaterThan(0);
    expect(built.ram.max).toBe(uno.ramBytes);
    expect(readFileSync(path.join(built.buildDir, 'TdHello.ino.hex'), 'utf8')).toMatch(/^:/);
  });

  it('a compile error is CompileFailed at the file and line of the mistake', async () => {
    const dir = copySketch('TdBroken');
    const source = readFileSync(path.join(dir, 'TdBroken.ino'), 'utf8').split('\n');
    const wrongLine = source.findIndex((l) => l.includes('Serial.println(td_undeclared_value)')) + 1;
    const err = await rejection(compileSketch(cli, { sketchDir: dir, fqbn: 'arduino:avr:uno', buildDir: tempBuildDir() }));
    expect(err).toBeInstanceOf(CompileFailedError);
    const first = (err as CompileFailedError).diagnostics.find((d) => d.severity === 'error')!;
    expect(path.basename(first.file)).toBe('TdBroken.ino');
    expect(first.line).toBe(wrongLine);
    expect(first.message).toContain('td_undeclared_value');
    expect(err.advice).toContain(`line ${wrongLine}`);
  });

  it('a board whose core is not installed is CoreMissing with the install command', async () => {
    const err = await rejection(compileSketch(cli, { sketchDir: hello, fqbn: 'arduino:mbed_nano:nano33ble' }));
    expect(err).toBeInstanceOf(CoreMissingError);
    expect((err as CoreMissingError).installCommand).toBe('arduino-cli core install arduino:mbed_nano');
    await expect(ensureCoreFor(cli, 'arduino:mbed_nano:nano33ble')).rejects.toBeInstanceOf(CoreMissingError);
  });

  it('a port that does not exist is PortNotFound, from our check and from arduino-cli\'s own answer', async () => {
    const opts = { port: '/dev/ttyTD404', fqbn: 'arduino:avr:uno', buildDir: built.buildDir, sketchDir: hello };
    expect((await rejection(uploadSketch(cli, opts))).code).toBe(ErrorCode.PortNotFound);
    const fromCli = await rejection(uploadSketch(cli, { ...opts, checkPortFirst: false }));
    expect(fromCli).toBeInstanceOf(PortError);
    expect(fromCli.code).toBe(ErrorCode.PortNotFound);
  });

  it('a port another process holds open is PortBusy and names that process', async () => {
    const pty = await startPty('hold');
    ptys.push(pty);
    const err = await rejection(uploadSketch(cli,
      { port: pty.port, fqbn: 'arduino:avr:uno', buildDir: built.buildDir, sketchDir: hello }));
    expect(err.code).toBe(ErrorCode.PortBusy);
    expect(err.message).toContain(`pid ${pty.pid}`);
  });

  it('a board that never answers is BoardNotResponding, with the board\'s recovery advice', async () => {
    const pty = await startPty('silent');
    ptys.push(pty);
    const err = await rejection(uploadSketch(cli, {
      port: pty.port, fqbn: 'arduino:avr:uno', buildDir: built.buildDir, sketchDir: hello, syncAttempts: 1,
    }));
    expect(err.code).toBe(ErrorCode.BoardNotResponding);
    expect(err.advice).toBe(boardById('uno')!.upload.recovery);
    expect((err as PortError).output).toMatch(/not in sync/);
  });

  it('cancels and times out instead of hanging', async () => {
    const ac = new AbortController();
    const pending = compileSketch(cli, { sketchDir: hello, fqbn: 'arduino:avr:uno', buildDir: tempBuildDir(), signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect((await rejection(pending)).code).toBe(ErrorCode.Cancelled);
    const slow = compileSketch(cli, { sketchDir: hello, fqbn: 'arduino:avr:uno', buildDir: tempBuildDir(), timeoutMs: 50 });
    expect((await rejection(slow)).code).toBe(ErrorCode.Timeout);
  });

  it('lists ports through our serial discovery without failing', async () => {
    const ports = await listBoards(cli);
    for (const p of ports) expect(p.label).toContain(p.address);
  });
});
