import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import { boardById } from '../../core/boards/index.js';
import {
  classifyCliError, classifyUploadFailure, CoreMissingError, errorLine, missingCoreId, parseUploadJson, portPermission,
} from '../../core/toolchain/index.js';
import { fixtureJson, fixtureText, garbageVariants } from './fixtures.js';

/** What the upload wrapper hands the classifier: arduino-cli's error plus the uploader's output. */
function uploadText(name: string): string {
  const p = parseUploadJson(fixtureJson(name));
  return [p.error ?? '', p.output].join('\n');
}

const uno = boardById('uno')!;
const nano33 = boardById('nano33ble-sense-rev1')!;

describe('upload failure classifier on real arduino-cli/avrdude output', () => {
  it('a port that does not exist → PortNotFound (both arduino-cli\'s and avrdude\'s wording)', () => {
    for (const f of ['upload-port-not-found-discovery.json', 'upload-port-not-found-avrdude.json']) {
      const e = classifyUploadFailure(uploadText(f), { port: '/dev/ttyNOPE', board: uno });
      expect(e.code, f).toBe(ErrorCode.PortNotFound);
      expect(e.port).toBe('/dev/ttyNOPE');
      expect(e.advice).toMatch(/plug/i);
    }
  });

  it('a port held open exclusively by another process → PortBusy', () => {
    const e = classifyUploadFailure(uploadText('upload-port-busy-tiocexcl.json'), { port: '/dev/pts/9' });
    expect(e.code).toBe(ErrorCode.PortBusy);
    expect(e.advice).toMatch(/close the serial monitor/i);
  });

  it('a port the user may not open → PortPermission with the dialout command on Linux', () => {
    const e = classifyUploadFailure(uploadText('upload-permission-denied.json'), { port: '/dev/pts/9', platform: 'linux' });
    expect(e.code).toBe(ErrorCode.PortPermission);
    expect(e.advice).toContain('sudo usermod -a -G dialout $USER');
    expect(e.advice).toMatch(/log out and back in/);
    expect(portPermission({ port: 'COM3', platform: 'win32' }).advice).not.toContain('usermod');
  });

  it('a board that never answers → BoardNotResponding with the board\'s own recovery', () => {
    const e = classifyUploadFailure(uploadText('upload-uno-silent-pty.json'), { port: '/dev/pts/9', board: uno });
    expect(e.code).toBe(ErrorCode.BoardNotResponding);
    expect(e.advice).toBe(uno.upload.recovery);
    const ble = classifyUploadFailure('No device found on /dev/ttyACM0\nSet binary mode', { port: '/dev/ttyACM0', board: nano33 });
    expect(ble.code).toBe(ErrorCode.BoardNotResponding);
    expect(ble.advice).toMatch(/double-tap/i);
  });

  it('other uploaders\' wording (bossac, esptool, dfu-util, Windows) maps to the same errors', () => {
    const cases: [string, number][] = [
      ['A fatal error occurred: Failed to connect to ESP32-S3: No serial data received.', ErrorCode.BoardNotResponding],
      ['dfu-util: No DFU capable USB device available', ErrorCode.BoardNotResponding],
      ['could not open port \'COM7\': FileNotFoundError(2, \'The system cannot find the file specified.\')', ErrorCode.PortNotFound],
      ['could not open port \'COM7\': PermissionError(13, \'Access is denied.\', None, 5)', ErrorCode.PortPermission],
      ['Error: Cannot lock port', ErrorCode.PortBusy],
      ['something odd happened', ErrorCode.UploadFailed],
    ];
    for (const [text, code] of cases) expect(classifyUploadFailure(text, { port: 'P' }).code, text).toBe(code);
  });

  it('never throws on garbage; unknown text is a generic UploadFailed that quotes the output', () => {
    for (const junk of garbageVariants(fixtureText('upload-uno-silent-pty.json'))) {
      const e = classifyUploadFailure(junk, { port: '/dev/x' });
      expect(e.code).toBeGreaterThanOrEqual(ErrorCode.PortBusy);
      expect(e.code).toBeLessThanOrEqual(ErrorCode.UploadFailed);
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.advice?.length).toBeGreaterThan(0);
    }
    expect(classifyUploadFailure('', { port: '/dev/x' }).code).toBe(ErrorCode.UploadFailed);
    expect(errorLine('ok\nfine\n')).toBeUndefined();
    expect(errorLine('avrdude error: unable to open programmer arduino on port /dev/pts/9\n')).toMatch(/^unable to open/);
  });

  it('parses upload JSON, and tolerates junk', () => {
    expect(parseUploadJson({ stdout: 'a', stderr: 'b', updated_upload_port: { address: '/dev/ttyACM1' } }))
      .toEqual({ output: 'a\nb', updatedPort: '/dev/ttyACM1' });
    expect(parseUploadJson(fixtureJson('upload-port-not-found-discovery.json')).error).toMatch(/port not found/);
    for (const junk of [null, 3, 'x', [], { output: 5, updated_upload_port: 'x' }]) {
      expect(parseUploadJson(junk).output).toBe('');
    }
  });
});

describe('arduino-cli error classifier', () => {
  it('finds the missing core in arduino-cli\'s wording', () => {
    const msg = (fixtureJson('compile-core-missing.json') as { error: string }).error;
    expect(missingCoreId(msg)).toBe('arduino:mbed_nano');
    const e = classifyCliError(msg);
    expect(e).toBeInstanceOf(CoreMissingError);
    expect(e!.code).toBe(ErrorCode.CoreMissing);
  });

  it('puts the extra index URL into the install command of a third-party core', () => {
    const e = new CoreMissingError('esp32:esp32');
    expect(e.installCommand).toMatch(/^arduino-cli core install esp32:esp32 --additional-urls https:\/\/\S+\.json$/);
  });

  it('returns null for text that is not an arduino-cli error it knows', () => {
    for (const junk of ['', 'exit status 1', 'platform', '\u0000', 'x'.repeat(50_000)]) expect(classifyCliError(junk)).toBeNull();
  });
});
