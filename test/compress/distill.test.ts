// Distillation: a width-multiplied student is smaller, training is reproducible from a seed, and an abort cancels it.
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError, type ProgressEvent } from '../../core/api/index.js';
import { distill, widthStudent } from '../../core/compress/distill.js';
import { evaluate } from '../../core/compress/evaluate.js';
import { trainGraph } from '../../core/compress/train.js';
import { layerStats, type Graph } from '../../core/model/index.js';
import { blobs } from './data.js';
import { cnnGraph, mlpGraph } from './graphs.js';

const weightsOf = (g: Graph): number[][] => g.tensors.filter((t) => t.data).map((t) => Array.from(t.data!));

describe('distillation', () => {
  const data = blobs(128, 8, 3);

  it('derives a student with the teacher architecture at the given width', () => {
    const teacher = cnnGraph(8, 8, 4);
    const student = widthStudent(teacher, 0.5, 3);
    expect(student.ops.map((o) => o.type)).toEqual(teacher.ops.map((o) => o.type));
    expect(layerStats(student).totals.params).toBeLessThan(layerStats(teacher).totals.params / 2);
    expect(student.tensors[student.outputs[0]!]!.shape).toEqual(teacher.tensors[teacher.outputs[0]!]!.shape);
  });

  it('is reproducible with a seed and differs with another seed', async () => {
    const teacher = (await trainGraph(mlpGraph([8, 32, 3], 1), data, { epochs: 3, learningRate: 0.02, seed: 1 })).graph;
    const run = async (seed: number): Promise<Graph> => (await distill(teacher, { train: data, width: 0.25, epochs: 2, seed, batchSize: 16 })).graph;
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(weightsOf(a)).toEqual(weightsOf(b));
    expect(weightsOf(a)).not.toEqual(weightsOf(c));
    expect((await evaluate(a, data)).metric).toBeGreaterThan(0);
  });

  it('reports progress and stops with a Cancelled error when aborted', async () => {
    const controller = new AbortController();
    const events: ProgressEvent[] = [];
    const err = await distill(mlpGraph([8, 16, 3]), {
      train: data, width: 0.5, epochs: 50, seed: 1, signal: controller.signal,
      onProgress: (e) => { events.push(e); controller.abort(); },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TinyDeployError);
    expect((err as TinyDeployError).code).toBe(ErrorCode.Cancelled);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ job: 'distill', stage: 'train' });
    expect(events[0]!.fraction).toBeCloseTo(1 / 50, 6);
  });
});
