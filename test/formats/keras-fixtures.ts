// Shared helpers for the importer tests: read a fixture in each format, run a graph in float, compare graphs.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { readKerasH5, readKerasZip } from '../../core/formats/keras/index.js';
import { readTfjsFile } from '../../core/formats/tfjs/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import type { Graph } from '../../core/model/index.js';
import { createInterpreter } from '../../core/runtime/index.js';
import { fixturePath, type Expected } from '../support/fixtures.js';

export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(...parts)));
}

export async function importAll(name: string): Promise<Record<'keras' | 'h5' | 'tfjs', Graph>> {
  return {
    keras: await readKerasZip(fixtureBytes(name, 'model.keras')),
    h5: await readKerasH5(fixtureBytes(name, 'model.h5')),
    tfjs: await readTfjsFile(fixturePath(name, 'tfjs', 'model.json')),
  };
}

export function floatTflite(name: string): Graph {
  return readTflite(fixtureBytes(name, 'float.tflite'));
}

/** The largest absolute difference between the graph's float outputs and Keras' recorded outputs. */
export function maxErrorAgainst(graph: Graph, expected: Expected): number {
  const it = createInterpreter(graph);
  let worst = 0;
  expected.inputs.forEach((input, i) => {
    const out = it.run([Float32Array.from(input)])[0];
    const want = expected.outputs[i] ?? [];
    expect(out?.length).toBe(want.length);
    want.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - Number(out?.[j]))); });
  });
  return worst;
}

/** The op list as "TYPE:fused-activation", the structure TFLite's converter would produce. */
export function opSignature(graph: Graph): string[] {
  return graph.ops.map((op) => ('activation' in op.options ? `${op.type}:${op.options.activation}` : op.type));
}

/** Two graphs are the same model: same ops, wiring, shapes and constant bytes. */
export function expectSameGraph(a: Graph, b: Graph): void {
  expect(opSignature(a)).toEqual(opSignature(b));
  expect(a.ops.map((o) => [o.inputs, o.outputs, o.options])).toEqual(b.ops.map((o) => [o.inputs, o.outputs, o.options]));
  expect(a.inputs).toEqual(b.inputs);
  expect(a.outputs).toEqual(b.outputs);
  expect(a.tensors.map((t) => [t.shape, t.dtype])).toEqual(b.tensors.map((t) => [t.shape, t.dtype]));
  a.tensors.forEach((t, i) => {
    const u = b.tensors[i]!;
    expect(Boolean(t.data)).toBe(Boolean(u.data));
    if (t.data && u.data) expect(Buffer.from(t.data).equals(Buffer.from(u.data)), `constant ${t.name}`).toBe(true);
  });
}
