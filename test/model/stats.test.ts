// Per-layer statistics against hand computation on small graphs and on hello_world.
import { describe, expect, it } from 'vitest';
import { readTflite } from '../../core/formats/index.js';
import { layerStats } from '../../core/model/index.js';
import { modelBytes } from '../formats/models.js';
import { allOpsGraph } from './fixture-graphs.js';

describe('layerStats', () => {
  const stats = layerStats(allOpsGraph());
  const byOp = (type: string) => stats.ops.find((s) => s.op === type)!;

  it('CONV_2D: MACs = outH*outW*outC*kH*kW*inC; params and bytes of filter and bias', () => {
    const s = byOp('CONV_2D');
    expect(s.macs).toBe(8 * 8 * 4 * 3 * 3 * 3);
    expect(s.params).toBe(4 * 3 * 3 * 3 + 4);
    expect(s.weightBytes).toBe(108 + 4 * 4); // int8 filter + int32 bias
    expect(s.activationBytes).toBe(8 * 8 * 3 + 8 * 8 * 4); // int8 input + output
    expect(s.inputShapes).toEqual([[1, 8, 8, 3], [4, 3, 3, 3], [4]]);
    expect(s.outputShapes).toEqual([[1, 8, 8, 4]]);
  });

  it('DEPTHWISE_CONV_2D: MACs = outH*outW*outC*kH*kW', () => {
    const s = byOp('DEPTHWISE_CONV_2D');
    expect(s.macs).toBe(4 * 4 * 8 * 3 * 3);
    expect(s.params).toBe(72 + 8);
  });

  it('FULLY_CONNECTED: MACs = rows*in*out; an absent bias is a null shape and adds nothing', () => {
    const s = byOp('FULLY_CONNECTED');
    expect(s.macs).toBe(64 * 10);
    expect(s.params).toBe(640);
    expect(s.inputShapes[2]).toBeNull();
  });

  it('pools, element-wise ops and config inputs (PAD paddings, MEAN axes, RESHAPE shape) count no MACs or params', () => {
    for (const type of ['MAX_POOL_2D', 'AVERAGE_POOL_2D', 'ADD', 'MUL', 'SOFTMAX', 'PAD', 'MEAN', 'RESHAPE']) {
      expect([type, byOp(type).macs, byOp(type).params]).toEqual([type, 0, 0]);
    }
    expect(byOp('PAD').activationBytes).toBe(4 * 4 * 8 + 6 * 6 * 8);
    expect(byOp('MUL').activationBytes).toBe(3 * 32); // the same input twice, then the output
  });

  it('totals count shared constants once and take the largest op as the activation peak', () => {
    expect(stats.totals.macs).toBe(6912 + 1152 + 640);
    expect(stats.totals.params).toBe(112 + 80 + 640);
    expect(stats.totals.peakLayerActivationBytes).toBe(Math.max(...stats.ops.map((s) => s.activationBytes)));
  });

  it('hello_world_int8: 1→16→16→1 gives 288 MACs and 321 parameters', () => {
    const s = layerStats(readTflite(modelBytes('hello_world_int8.tflite')));
    expect(s.ops.map((o) => o.macs)).toEqual([16, 256, 16]);
    expect(s.totals.params).toBe(16 + 16 + 256 + 16 + 16 + 1);
    expect(s.totals.weightBytes).toBe(16 + 64 + 256 + 64 + 16 + 4);
  });
});
