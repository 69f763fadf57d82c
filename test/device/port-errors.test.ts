// Open failures from serialport and the OS become PortNotFound, PortPermission or PortBusy with advice.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { portOpenError } from '../../core/device/port-errors.js';

describe('portOpenError', () => {
  it('maps the messages of serialport\'s Linux binding to typed errors', () => {
    expect(portOpenError('/dev/ttyACM9', new Error('Error: No such file or directory, cannot open /dev/ttyACM9')).code).toBe(ErrorCode.PortNotFound);
    expect(portOpenError('/dev/ttyACM0', new Error('Error: Permission denied, cannot open /dev/ttyACM0')).code).toBe(ErrorCode.PortPermission);
    expect(portOpenError('/dev/ttyACM0', new Error('Error Resource temporarily unavailable Cannot lock port')).code).toBe(ErrorCode.PortBusy);
    expect(portOpenError('/dev/ttyACM0', new Error('Error: Device or resource busy, cannot open /dev/ttyACM0')).code).toBe(ErrorCode.PortBusy);
  });

  it('maps errno codes on their own', () => {
    const withCode = (code: string) => Object.assign(new Error('open failed'), { code });
    expect(portOpenError('p', withCode('ENOENT')).code).toBe(ErrorCode.PortNotFound);
    expect(portOpenError('p', withCode('EACCES')).code).toBe(ErrorCode.PortPermission);
    expect(portOpenError('p', withCode('EBUSY')).code).toBe(ErrorCode.PortBusy);
  });

  it('gives the dialout command on Linux for a permission error, and names the port', () => {
    const err = portOpenError('/dev/ttyUSB0', new Error('Permission denied'), 'linux');
    expect(err.message).toContain('/dev/ttyUSB0');
    expect(err.advice).toMatch(/usermod -a -G dialout \$USER/);
    expect(portOpenError('COM3', new Error('Access denied'), 'win32').advice).not.toMatch(/dialout/);
  });

  it('keeps unknown failures (and garbage) as Internal with the cause, never throwing itself', () => {
    for (const junk of [new Error('\u0000\uFFFD weird'), 'a string', 42, null, undefined, { code: 7 }]) {
      const err = portOpenError('/dev/x', junk);
      expect(err).toBeInstanceOf(TinyDeployError);
      expect(err.code).toBe(ErrorCode.Internal);
    }
  });

  it('passes an error that is already typed through unchanged', () => {
    const typed = new TinyDeployError(ErrorCode.PortBusy, 'busy');
    expect(portOpenError('p', typed)).toBe(typed);
  });
});

describe('one wording for port failures', () => {
  it('the serial layer and the uploader give the same advice for a missing, busy or forbidden port', async () => {
    const { portBusy, portNotFound, portPermission } = await import('../../core/toolchain/errors.js');
    const ctx = { port: '/dev/ttyACM0' };
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(portOpenError('/dev/ttyACM0', new Error('EACCES Permission denied'), platform).advice).toBe(portPermission({ ...ctx, platform }).advice);
    }
    expect(portOpenError('/dev/ttyACM0', new Error('ENOENT No such file or directory')).advice).toBe(portNotFound(ctx).advice);
    expect(portOpenError('/dev/ttyACM0', new Error('EBUSY Device or resource busy')).advice).toBe(portBusy(ctx).advice);
  });
});
