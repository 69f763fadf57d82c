// `tinydeploy native`: writes the model's C, the kernels beside it, and prints the memory report.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TinyDeployError } from '../../core/api/index.js';
import { nativeCommand } from '../../core/cli/native.js';
import { sharedModel } from '../support/tools.js';

describe('tinydeploy native', () => {
  it('writes <prefix>_model.h/.c and the kernels it uses (only those), and prints the report as JSON', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'td-cli-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await nativeCommand([sharedModel('hello_world_int8.tflite'), '--out', out, '--prefix', 'sine', '--json'])).toBe(0);
      const report = JSON.parse(String(log.mock.calls[0]![0])) as { activationBytes: number; noOverlapPeakBytes: number; layers: unknown[] };
      expect(report.layers).toHaveLength(3);
      expect(report.activationBytes).toBeLessThanOrEqual(report.noOverlapPeakBytes);
    } finally {
      log.mockRestore();
    }
    // hello_world is three FULLY_CONNECTED layers with one multiplier each: their kernel, the copies and the headers
    // those include; no convolution, softmax, kernel umbrella header, nor td_requant.c (no packed table).
    expect(readdirSync(out).sort()).toEqual(['sine_model.c', 'sine_model.h', 'td_avr_asm.h', 'td_fixedpoint.h', 'td_fully_connected.c',
      'td_fully_connected.h', 'td_requant.h', 'td_shape_ops.c', 'td_shape_ops.h']);
  });

  it('rejects a missing --out, an unreadable model and a bad prefix with typed errors', async () => {
    await expect(nativeCommand([sharedModel('hello_world_int8.tflite')])).rejects.toBeInstanceOf(TinyDeployError);
    await expect(nativeCommand(['/nonexistent.tflite', '--out', tmpdir()])).rejects.toBeInstanceOf(TinyDeployError);
    await expect(nativeCommand([sharedModel('hello_world_int8.tflite'), '--out', tmpdir(), '--prefix', 'PI'])).rejects.toBeInstanceOf(TinyDeployError);
  });
});
