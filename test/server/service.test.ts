// The Node implementation of the service contract, called as the front ends call it: open, compress (in its
// worker process, with progress), fit, cancel. No browser.
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ServiceEventDto } from '../../core/api/index.js';
import { NodeService } from '../../core/server/service.js';
import { fileExists, sharedModel, tierAvailable } from '../support/tools.js';

const available = tierAvailable('unit', [fileExists('shared models', sharedModel('hello_world_float.tflite'))]);

describe.skipIf(!available)('NodeService', () => {
  const service = new NodeService();
  const events: ServiceEventDto[] = [];
  service.events.on('event', (e) => events.push(e));
  afterAll(() => service.close());

  it('opens an example with its per-layer table and weight histogram', async () => {
    const m = await service.openModel({ kind: 'example', id: 'hello_world' });
    expect(m.layers.map((l) => l.op)).toEqual(['FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED']);
    expect(m.totals.params).toBe(321);
    expect(m.dtype).toBe('float32');
    // 16 + 256 + 16 filter weights, biases left out.
    expect(m.histogram.counts.reduce((a, b) => a + b, 0)).toBe(288);
  });

  it('quantizes in the worker, reports progress, and the int8 result fits the simulated Uno', async () => {
    const m = await service.openModel({ kind: 'example', id: 'hello_world' });
    const r = await service.compress({ jobId: 'q1', modelId: m.id, quantize: true });
    expect(r.variants.map((v) => v.kind)).toEqual(['original', 'quantize']);
    expect(r.variants[1]!.weightBytes).toBeLessThan(r.variants[0]!.weightBytes / 2);
    expect(r.variants[1]!.explanation).toContain(`${r.variants[0]!.weightBytes.toLocaleString('en-US')} → ${r.variants[1]!.weightBytes.toLocaleString('en-US')} bytes`);
    expect(events.some((e) => e.type === 'progress' && e.job === 'q1' && e.stage === 'done')).toBe(true);
    const fit = await service.checkFit({ modelId: r.deployModelId!, boardId: 'uno-sim' });
    expect(fit.verdict).toBe('fits');
    expect(fit.ram.max).toBe(2048);
    const tooBig = await service.checkFit({ modelId: (await service.openModel({ kind: 'example', id: 'magic_wand' })).id, boardId: 'uno-sim' });
    expect(tooBig.verdict).toBe('too-big');
  });

  it('cancels a long compression with Cancelled, and the next one runs', async () => {
    const m = await service.openModel({ kind: 'example', id: 'hello_world' });
    const running = service.compress({ jobId: 'c1', modelId: m.id, quantize: true, prune: { method: 'magnitude', amount: 0.5 }, epochs: 200 });
    await expect.poll(() => events.some((e) => e.type === 'progress' && e.job === 'c1'), { timeout: 30_000 }).toBe(true);
    expect(await service.cancel({ jobId: 'c1' })).toBe(true);
    await expect(running).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    expect(await service.cancel({ jobId: 'c1' })).toBe(false);
    const again = await service.compress({ jobId: 'c1', modelId: m.id, quantize: true });
    expect(again.deployModelId).toBeTruthy();
  });

  it('refuses to compress an int8 model, in words', async () => {
    const m = await service.openModel({ kind: 'example', id: 'hello_world_int8' });
    await expect(service.compress({ jobId: 'i1', modelId: m.id, quantize: true })).rejects.toThrow(/hello_world_int8\.tflite is already int8/);
  });
});
