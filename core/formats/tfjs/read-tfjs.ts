// TF.js layers models: model.json (format 'layers-model': modelTopology + weightsManifest) and its .bin shards.
import path from 'node:path';
import { checkShape, DEFAULT_BUDGET_BYTES, firstNonFinite, type Graph } from '../../model/index.js';
import { FileProblem, readRegularFile, resolveInside } from '../safe-file.js';
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

/** Bytes per stored element of a manifest weight (quantized or float32), or 0 for a dtype TinyDeploy cannot read. */
function storedBytes(w: WeightEntry): number {
  const q = w.quantization;
  const qType = q && typeof q.dtype === 'string' ? q.dtype : undefined;
  return qType === 'uint8' ? 1 : qType === 'uint16' || qType === 'float16' ? 2 : w.dtype === 'float32' ? 4 : 0;
}

function decodeWeight(w: WeightEntry, bytes: Uint8Array, offset: number): { value: Float32Array; size: number } {
  const q = w.quantization;
  const qType = q && typeof q.dtype === 'string' ? q.dtype : undefined;
  const elemBytes = storedBytes(w);
  if (elemBytes === 0) throw malformedModel(SOURCE, `weight '${w.name}' has dtype ${w.dtype}; only float32 (optionally quantized) is read`);
  const count = checkShape(`${SOURCE}: weight '${w.name}'`, w.shape, 4) / 4;
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
  const bad = firstNonFinite(value);
  if (bad >= 0) throw malformedModel(SOURCE, `weight '${w.name}' holds ${value[bad]} at index ${bad}; weights must be finite float32 numbers`);
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
    const total = parts.reduce((a, p) => a + p.length, 0);
    if (total > DEFAULT_BUDGET_BYTES) throw malformedModel(SOURCE, `the shards of weightsManifest[${gi}] hold ${total} bytes, over the ${DEFAULT_BUDGET_BYTES}-byte budget`);
    const all = new Uint8Array(total);
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

/** model.json larger than this is not a layers model a microcontroller could run. */
const MODEL_JSON_MAX_BYTES = 32 * 1024 * 1024;

/** The bytes each manifest group's weights need, by shard path: no shard may be larger than its group needs. */
function declaredShardBytes(modelJson: string): Map<string, number> {
  const j = parseModelJson(modelJson);
  const out = new Map<string, number>();
  for (const g of j.weightsManifest as unknown[]) {
    if (!isObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) continue;
    let need = 0;
    for (const w of g.weights) {
      if (!isObject(w) || !Array.isArray(w.shape)) continue;
      const n = w.shape.reduce((a: number, d) => a * (typeof d === 'number' && d >= 0 ? d : NaN), 1);
      // A dtype the reader refuses later (int32, …) still counts, at up to 8 bytes, so its own error is the one shown.
      need += n * (storedBytes(w as unknown as WeightEntry) || 8);
    }
    const cap = Number.isFinite(need) ? Math.min(need, DEFAULT_BUDGET_BYTES) : DEFAULT_BUDGET_BYTES;
    for (const p of g.paths) out.set(String(p), cap);
  }
  return out;
}

/** Reads model.json and the shards beside it: each shard a regular file inside the model's folder, no larger than declared. */
export async function readTfjsFile(modelJsonPath: string): Promise<Graph> {
  let modelJson: string;
  try {
    modelJson = new TextDecoder().decode(await readRegularFile(modelJsonPath, MODEL_JSON_MAX_BYTES));
  } catch (cause) {
    if (!(cause instanceof FileProblem)) throw cause;
    throw malformedModel(SOURCE, `${modelJsonPath} cannot be read: ${cause.message}`, cause);
  }
  const dir = path.dirname(modelJsonPath);
  const shards: Record<string, Uint8Array> = {};
  for (const [p, maxBytes] of declaredShardBytes(modelJson)) {
    try {
      shards[p] = await readRegularFile(await resolveInside(dir, p), maxBytes);
    } catch (cause) {
      if (!(cause instanceof FileProblem)) throw cause;
      const why = cause.code === 'ETOOBIG' ? `${cause.message} (its weights declare ${maxBytes} bytes)` : cause.message;
      throw malformedModel(SOURCE, `the weight shard '${p}' is refused: ${why}`, cause);
    }
  }
  return readTfjs({ modelJson, shards });
}
