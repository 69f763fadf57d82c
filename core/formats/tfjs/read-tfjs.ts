// TF.js layers models: model.json (format 'layers-model': modelTopology + weightsManifest) and its .bin shards.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Graph } from '../../model/index.js';
import { malformedModel } from '../keras/errors.js';
import type { FloatWeight } from '../keras/graph-builder.js';
import { isObject, parseModelConfig, type Json } from '../keras/topology.js';
import { kerasToGraph } from '../keras/to-graph.js';

const SOURCE = 'TF.js model.json';

export interface TfjsFiles {
  /** model.json as text or bytes. */
  modelJson: string | Uint8Array;
  /** Every weight shard by the path model.json names it with. */
  shards: Record<string, Uint8Array>;
}

interface WeightEntry { name: string; shape: number[]; dtype: string; quantization?: Json }

function parseModelJson(text: string): Json {
  let j: unknown;
  try { j = JSON.parse(text); } catch (cause) { throw malformedModel(SOURCE, `it is not valid JSON (${(cause as Error).message})`, cause); }
  if (!isObject(j)) throw malformedModel(SOURCE, 'it is not a JSON object');
  if (j.format !== undefined && j.format !== 'layers-model') {
    throw malformedModel(SOURCE, `its format is '${String(j.format)}'; TinyDeploy reads 'layers-model' (a graph model has no layers to convert)`);
  }
  if (!isObject(j.modelTopology)) throw malformedModel(SOURCE, 'it has no modelTopology');
  if (!Array.isArray(j.weightsManifest)) throw malformedModel(SOURCE, 'it has no weightsManifest');
  return j;
}

/** The shard paths model.json refers to, so a caller can load them next to it. */
export function tfjsShardPaths(modelJson: string): string[] {
  const j = parseModelJson(modelJson);
  return (j.weightsManifest as unknown[]).flatMap((g) => (isObject(g) && Array.isArray(g.paths) ? g.paths.map(String) : []));
}

function decodeWeight(w: WeightEntry, bytes: Uint8Array, offset: number): { value: Float32Array; size: number } {
  const count = w.shape.reduce((a, b) => a * b, 1);
  const q = w.quantization;
  const qType = q && typeof q.dtype === 'string' ? q.dtype : undefined;
  const elemBytes = qType === 'uint8' ? 1 : qType === 'uint16' || qType === 'float16' ? 2 : w.dtype === 'float32' ? 4 : 0;
  if (elemBytes === 0) throw malformedModel(SOURCE, `weight '${w.name}' has dtype ${w.dtype}; only float32 (optionally quantized) is read`);
  const size = count * elemBytes;
  if (offset + size > bytes.length) throw malformedModel(SOURCE, `the weight shards end before weight '${w.name}' (need ${offset + size} bytes, have ${bytes.length})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, size);
  const value = new Float32Array(count);
  const scale = Number(q?.scale ?? 1);
  const min = Number(q?.min ?? 0);
  for (let i = 0; i < count; i++) {
    if (qType === 'uint8') value[i] = view.getUint8(i) * scale + min;
    else if (qType === 'uint16') value[i] = view.getUint16(i * 2, true) * scale + min;
    else if (qType === 'float16') value[i] = half(view.getUint16(i * 2, true));
    else value[i] = view.getFloat32(i * 4, true);
  }
  return { value, size };
}

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** All weights by name: each manifest group's shards are concatenated, then read in order. */
function readWeights(manifest: unknown[], shards: Record<string, Uint8Array>): Map<string, FloatWeight> {
  const out = new Map<string, FloatWeight>();
  manifest.forEach((g, gi) => {
    if (!isObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) throw malformedModel(SOURCE, `weightsManifest[${gi}] needs paths and weights`);
    const parts = g.paths.map((p) => {
      const bytes = shards[String(p)];
      if (!bytes) throw malformedModel(SOURCE, `the weight shard '${String(p)}' is missing`);
      return bytes;
    });
    const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let pos = 0;
    for (const p of parts) { all.set(p, pos); pos += p.length; }
    let offset = 0;
    for (const raw of g.weights) {
      if (!isObject(raw) || typeof raw.name !== 'string' || !Array.isArray(raw.shape)) throw malformedModel(SOURCE, `a weight entry of group ${gi} has no name or shape`);
      const w = raw as unknown as WeightEntry;
      const { value, size } = decodeWeight(w, all, offset);
      offset += size;
      out.set(w.name, { shape: w.shape.map(Number), data: value });
    }
  });
  return out;
}

export function readTfjs(files: TfjsFiles): Graph {
  const text = typeof files.modelJson === 'string' ? files.modelJson : new TextDecoder().decode(files.modelJson);
  const j = parseModelJson(text);
  const spec = parseModelConfig(j.modelTopology, SOURCE);
  const weights = readWeights(j.weightsManifest as unknown[], files.shards);
  const names = [...weights.keys()];
  return kerasToGraph(spec, (layer) => {
    // Usually "dense_1/kernel"; models converted from some Keras versions carry an outer scope: "model/dense_1/kernel".
    const own = names.filter((n) => n.startsWith(`${layer.name}/`));
    const picked = own.length > 0 ? own : names.filter((n) => n.includes(`/${layer.name}/`));
    return picked.map((n) => weights.get(n)!);
  }, SOURCE);
}

/** Reads model.json and the shards beside it. */
export async function readTfjsFile(modelJsonPath: string): Promise<Graph> {
  const modelJson = await readFile(modelJsonPath, 'utf8');
  const dir = path.dirname(modelJsonPath);
  const shards: Record<string, Uint8Array> = {};
  for (const p of tfjsShardPaths(modelJson)) {
    try { shards[p] = new Uint8Array(await readFile(path.join(dir, p))); }
    catch (cause) { throw malformedModel(SOURCE, `the weight shard '${p}' next to model.json cannot be read`, cause); }
  }
  return readTfjs({ modelJson, shards });
}
