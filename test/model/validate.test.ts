// Graph validation: every rule refuses the graph that breaks it (with the op and tensor named), and the graphs
// the project ships pass; then the dangling-tensor and huge-PAD files through inspect, compress and native.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { compressCommand } from '../../core/cli/compress.js';
import { inspectModel } from '../../core/cli/inspect.js';
import { nativeCommand } from '../../core/cli/native.js';
import { importModel } from '../../core/formats/index.js';
import { checkShape, validateGraph, type Graph } from '../../core/model/index.js';
import { danglingTensorModel, hugePadModel } from '../formats/hostile-files.js';
import { allOpsGraph } from './fixture-graphs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tinydeploy-validate-'));
const file = (name: string, bytes: Uint8Array): string => { const p = path.join(dir, name); writeFileSync(p, bytes); return p; };

function refusal(g: Graph): TinyDeployError {
  try { validateGraph(g, { source: 'Malformed test graph' }); } catch (e) {
    expect(e).toBeInstanceOf(TinyDeployError);
    return e as TinyDeployError;
  }
  throw new Error('expected a TinyDeployError');
}

const edit = (change: (g: Graph) => void): Graph => { const g = allOpsGraph(); change(g); return g; };

describe('validateGraph rules', () => {
  it('accepts the every-op graph', () => {
    expect(() => validateGraph(allOpsGraph())).not.toThrow();
  });

  it('refuses an op reading a tensor no earlier op produced (dangling) and an op order with a cycle', () => {
    expect(refusal(edit((g) => { g.ops[0]!.inputs[0] = 3; })).message)
      .toMatch(/op 0 \(CONV_2D\) reads tensor 3 "conv\/out", which no earlier op produces/);
    // Swapping the first two ops makes op 0 read what op 1 writes: the order is not a topological one.
    expect(refusal(edit((g) => { g.ops.reverse(); })).message).toMatch(/which no earlier op produces/);
  });

  it('refuses out-of-range indices, doubly produced tensors and never-produced outputs', () => {
    expect(refusal(edit((g) => { g.ops[2]!.inputs[0] = 999; })).message).toMatch(/op 2 \(MAX_POOL_2D\) reads tensor 999, but there are \d+ tensors/);
    expect(refusal(edit((g) => { g.ops[1]!.outputs[0] = 3; })).message).toMatch(/op 1 .* writes tensor 3 "conv\/out", which is already/);
    expect(refusal(edit((g) => { g.tensors.push({ name: 'orphan', shape: [1], dtype: 'int8' }); g.outputs = [g.tensors.length - 1]; })).message)
      .toMatch(/graph output tensor \d+ "orphan" is never produced \(a dangling output\)/);
    expect(refusal(edit((g) => { g.inputs = []; })).message).toMatch(/no inputs/);
  });

  it('refuses zero or absurd strides, dilations and windows', () => {
    expect(refusal(edit((g) => { const op = g.ops[0]!; if (op.type === 'CONV_2D') op.options.strideH = 0; })).message)
      .toMatch(/op 0 \(CONV_2D\) has strideH 0; it must be an integer from 1 to 65536/);
    expect(refusal(edit((g) => { const op = g.ops[2]!; if (op.type === 'MAX_POOL_2D') op.options.filterW = 1e9; })).message)
      .toMatch(/filterW 1000000000/);
  });

  it('refuses negative or fractional dimensions, and tensors over the memory budget, naming the shape', () => {
    expect(refusal(edit((g) => { g.tensors[3]!.shape = [1, -8, 8, 4]; })).message).toMatch(/tensor 3 "conv\/out" has shape \[1, -8, 8, 4\], and -8 is not a size/);
    expect(refusal(edit((g) => { g.tensors[3]!.shape = [1, 30000, 30000, 4]; })).message)
      .toMatch(/tensor 3 "conv\/out" of shape \[1, 30000, 30000, 4\] would need 3433 MiB, over the 256 MiB memory budget/);
    expect(() => checkShape('x', [1024, 1024, 64], 4, { budgetBytes: 256 << 20 })).not.toThrow();
    expect(() => checkShape('x', [1024, 1024, 65], 4, { budgetBytes: 256 << 20 })).toThrow(/over the 256 MiB/);
  });

  it('runs shape inference last: a PAD whose declared output disagrees with its paddings is refused', () => {
    expect(refusal(edit((g) => { g.tensors[10]!.shape = [1, 7, 6, 8]; })).code).toBe(ErrorCode.ModelShapeMismatch);
  });
});

describe('the dangling-tensor and huge-PAD files through inspect, compress and native', () => {
  const dangling = file('dangling.tflite', danglingTensorModel());
  const hugePadFloat = file('huge_pad_float.tflite', hugePadModel(20000, 'float32'));
  const hugePadInt8 = file('huge_pad_int8.tflite', hugePadModel(20000, 'int8'));
  const csv = file('data.csv', new TextEncoder().encode(`a,b,c,d,label\n${Array.from({ length: 20 }, (_, i) => `${i},1,2,3,${i % 3}`).join('\n')}\n`));

  it('inspect says what is wrong instead of passing', async () => {
    await expect(inspectModel(dangling)).rejects.toThrow(/op 0 \(FULLY_CONNECTED\) reads tensor 4 "ghost", which no earlier op produces .* \(a dangling tensor\)/);
    await expect(inspectModel(hugePadInt8)).rejects.toThrow(/tensor 2 "pad\/out" of shape \[1, 20008, 20008, 1\] would need 382 MiB, over the 256 MiB memory budget/);
  });

  it('compress refuses both with one TinyDeployError, before any tfjs work', async () => {
    for (const model of [dangling, hugePadFloat]) {
      const e = await compressCommand([model, '--data', csv, '--out', path.join(dir, 'out'), '--quantize', 'int8'])
        .then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(TinyDeployError);
      expect((e as TinyDeployError).code).toBe(ErrorCode.ModelMalformed);
      expect((e as TinyDeployError).message).not.toContain('\n');
    }
    await expect(importModel(hugePadFloat)).rejects.toThrow(/1527 MiB, over the 256 MiB memory budget/);
  });

  it('native refuses the 600-byte int8 huge-PAD file instead of planning gigabytes', async () => {
    expect(hugePadModel(20000, 'int8').length).toBeLessThan(700);
    await expect(nativeCommand([hugePadInt8, '--out', path.join(dir, 'native')])).rejects.toThrow(/over the 256 MiB memory budget/);
  });
});
