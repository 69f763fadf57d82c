import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError, isErrorDto, toErrorDto } from '../../core/api/index.js';
import { UnsupportedOpsError } from '../../core/formats/index.js';
import { CompileFailedError, CoreMissingError, PortError } from '../../core/toolchain/index.js';

const roundTrip = (e: unknown): unknown => JSON.parse(JSON.stringify(toErrorDto(e))) as unknown;

describe('error DTOs', () => {
  it('keeps code, message and advice across serialisation', () => {
    const err = new TinyDeployError(ErrorCode.PortBusy, 'Port /dev/ttyACM0 is busy.', { advice: 'Close the serial monitor.' });
    const dto = roundTrip(err);
    expect(isErrorDto(dto)).toBe(true);
    expect(dto).toEqual({ code: ErrorCode.PortBusy, name: 'TinyDeployError', message: 'Port /dev/ttyACM0 is busy.', advice: 'Close the serial monitor.' });
  });

  it('maps foreign errors to Internal', () => {
    expect(toErrorDto(new RangeError('x')).code).toBe(ErrorCode.Internal);
    expect(isErrorDto({ code: 'x', message: 'm', name: 'n' })).toBe(false);
  });

  it('carries the install command of a missing core', () => {
    const dto = roundTrip(new CoreMissingError('arduino:mbed_nano'));
    expect(isErrorDto(dto)).toBe(true);
    expect(dto).toMatchObject({ code: ErrorCode.CoreMissing, installCommand: 'arduino-cli core install arduino:mbed_nano' });
  });

  it('carries compiler diagnostics and output', () => {
    const err = new CompileFailedError([{ severity: 'error', file: '/tmp/s/s.ino', line: 12, column: 3, message: "'x' was not declared" }], 's.ino:12:3: error: ...');
    const dto = roundTrip(err);
    expect(isErrorDto(dto)).toBe(true);
    expect(dto).toMatchObject({ code: ErrorCode.CompileFailed, diagnostics: [{ file: '/tmp/s/s.ino', line: 12, column: 3, severity: 'error' }], output: 's.ino:12:3: error: ...' });
  });

  it('carries the port of a port error and the ops a model cannot run', () => {
    expect(roundTrip(new PortError(ErrorCode.PortBusy, '/dev/ttyACM0', 'busy', 'close it'))).toMatchObject({ port: '/dev/ttyACM0' });
    expect(roundTrip(new UnsupportedOpsError(['LSTM', 'GATHER']))).toMatchObject({ code: ErrorCode.ModelUnsupportedOps, unsupportedOps: ['LSTM', 'GATHER'] });
  });

  it('refuses DTOs whose extra fields have the wrong types', () => {
    expect(isErrorDto({ code: 1, name: 'n', message: 'm', diagnostics: [{ file: 'f' }] })).toBe(false);
    expect(isErrorDto({ code: 1, name: 'n', message: 'm', unsupportedOps: [3] })).toBe(false);
    expect(isErrorDto({ code: 1, name: 'n', message: 'm', port: 5 })).toBe(false);
  });
});
