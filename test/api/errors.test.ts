import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError, isErrorDto, toErrorDto } from '../../core/api/index.js';

describe('error DTOs', () => {
  it('keeps code, message and advice across serialisation', () => {
    const err = new TinyDeployError(ErrorCode.PortBusy, 'Port /dev/ttyACM0 is busy.', { advice: 'Close the serial monitor.' });
    const dto = JSON.parse(JSON.stringify(toErrorDto(err))) as unknown;
    expect(isErrorDto(dto)).toBe(true);
    expect(dto).toEqual({ code: ErrorCode.PortBusy, name: 'TinyDeployError', message: 'Port /dev/ttyACM0 is busy.', advice: 'Close the serial monitor.' });
  });

  it('maps foreign errors to Internal', () => {
    expect(toErrorDto(new RangeError('x')).code).toBe(ErrorCode.Internal);
    expect(isErrorDto({ code: 'x', message: 'm', name: 'n' })).toBe(false);
  });
});
