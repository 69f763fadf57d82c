// HDF5 parsing in a worker thread with a deadline: a damaged file can make the HDF5 library itself loop forever
// (found by fuzzing: a corrupted global heap under a string attribute), and only a thread can be stopped.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** One group or dataset of the file, as the worker read it. */
export type H5Node =
  | { kind: 'group'; keys: string[]; attrs: Record<string, unknown> }
  | { kind: 'dataset'; shape: number[]; dtype: string; attrs: Record<string, unknown>; value?: unknown; error?: string };

export interface H5Limits { timeoutMs: number; maxNodes: number; maxValueBytes: number }

/** Reading a Keras file takes milliseconds; seconds means the library is looping on a damaged file. */
export const H5_LIMITS: H5Limits = {
  timeoutMs: Number(process.env.TINYDEPLOY_H5_TIMEOUT_MS ?? 5000), maxNodes: 20_000, maxValueBytes: 256 * 1024 * 1024,
};

/** Plain JavaScript run as the worker: loads h5wasm, then answers {id, bytes} with every node of the file. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = import(workerData.h5wasmUrl).then(async (m) => { const mod = await m.default.ready; mod.activate_throwing_error_handler(); return m; });
loaded.then(() => parentPort.postMessage({ ready: true }), (e) => parentPort.postMessage({ ready: false, error: String(e && e.message || e) }));
parentPort.on('message', async ({ id, bytes, maxNodes, maxValueBytes }) => {
  const m = await loaded;
  const { FS } = await m.default.ready;
  const file = '/tinydeploy-' + id + '.h5';
  const nodes = {};
  let count = 0;
  let f;
  const attrsOf = (o) => {
    const out = {};
    const attrs = o.attrs; // each access of .attrs lists the names again inside HDF5
    for (const name of Object.keys(attrs)) {
      try { const a = attrs[name]; let v = a.value; if (v instanceof Uint8Array && a.dtype === 'S') v = new TextDecoder().decode(v); out[name] = v; }
      catch (e) { out[name] = undefined; }
    }
    return out;
  };
  const walk = (g, p, depth) => {
    if (++count > maxNodes) throw new Error('it holds more than ' + maxNodes + ' groups and datasets');
    const keys = g.keys();
    nodes[p] = { kind: 'group', keys, attrs: attrsOf(g) };
    for (const k of keys) {
      const child = p === '' ? k : p + '/' + k;
      let c = null;
      try { c = g.get(k); } catch (e) { continue; }
      if (c instanceof m.Group) { if (depth < 32) walk(c, child, depth + 1); continue; }
      if (!(c instanceof m.Dataset)) continue;
      if (++count > maxNodes) throw new Error('it holds more than ' + maxNodes + ' groups and datasets');
      const shape = c.shape || [];
      const n = shape.reduce((a, b) => a * b, 1);
      const node = { kind: 'dataset', shape, dtype: String(c.dtype), attrs: attrsOf(c) };
      if (!(n * 8 <= maxValueBytes)) node.error = 'its shape [' + shape.join(', ') + '] is over the memory budget';
      else { try { node.value = c.value; } catch (e) { node.error = String(e && e.message || e).split('\\n')[0]; } }
      nodes[child] = node;
    }
  };
  try {
    FS.writeFile(file, bytes);
    f = new m.File(file, 'r');
    if (f.file_id < 0n) throw new Error('HDF5 could not open it (truncated or corrupted)');
    walk(f, '', 0);
    parentPort.postMessage({ id, nodes });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) });
  } finally {
    try { if (f && f.file_id >= 0n) f.close(); } catch (e) { /* already unusable */ }
    try { FS.unlink(file); } catch (e) { /* never written */ }
  }
});
`;

/** h5wasm's ESM entry as a file URL, found from this module or the working folder (the worker has no resolver). */
function h5wasmUrl(): string {
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const entry = path.join(dir, 'node_modules', 'h5wasm', 'dist', 'esm', 'hdf5_hl.js');
      if (existsSync(entry)) return pathToFileURL(entry).href;
      if (path.dirname(dir) === dir) break;
    }
  }
  return 'h5wasm';
}

interface Pending { resolve: (nodes: Record<string, H5Node>) => void; reject: (e: Error) => void }
let worker: { thread: Worker; ready: Promise<void>; pending: Map<number, Pending> } | undefined;
let nextId = 0;

function startWorker(): NonNullable<typeof worker> {
  const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { h5wasmUrl: h5wasmUrl() } });
  const pending = new Map<number, Pending>();
  let onReady: (ok: { ready: boolean; error?: string }) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = (m) => (m.ready ? resolve() : reject(new Error(`h5wasm did not load: ${m.error ?? ''}`)));
  });
  const failAll = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    if (worker?.thread === thread) worker = undefined;
  };
  thread.on('message', (m: { ready?: boolean; error?: string; id?: number; nodes?: Record<string, H5Node> }) => {
    if (m.ready !== undefined) { onReady(m as { ready: boolean; error?: string }); return; }
    const p = pending.get(m.id ?? -1);
    if (!p) return;
    pending.delete(m.id!);
    if (m.nodes) p.resolve(m.nodes); else p.reject(new Error(m.error ?? 'unknown HDF5 error'));
  });
  thread.on('error', failAll);
  thread.on('exit', () => failAll(new Error('the HDF5 worker stopped')));
  // An idle worker must not keep the process alive (unref after the listeners, which would ref it again).
  thread.unref();
  return { thread, ready, pending };
}

export class H5Timeout extends Error {}

/** Every node of an HDF5 file by path ('' is the root); rejects with H5Timeout when HDF5 does not finish in time. */
export async function readH5Nodes(bytes: Uint8Array, limits: H5Limits = H5_LIMITS): Promise<Record<string, H5Node>> {
  worker ??= startWorker();
  const w = worker;
  // Loading the wasm takes seconds on a busy machine: the deadline covers reading the file, not starting up.
  let loadTimer: NodeJS.Timeout | undefined;
  await Promise.race([w.ready, new Promise((_, reject) => { loadTimer = setTimeout(() => reject(new Error('h5wasm did not load within 60 s')), 60_000); })])
    .finally(() => clearTimeout(loadTimer));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      w.pending.delete(id);
      void w.thread.terminate();
      if (worker === w) worker = startWorker(); // warm a fresh one now: loading the wasm takes a while
      reject(new H5Timeout(`HDF5 did not finish reading it within ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
    w.pending.set(id, {
      resolve: (n) => { clearTimeout(timer); resolve(n); },
      reject: (e) => { clearTimeout(timer); reject(e); },
    });
    w.thread.postMessage({ id, bytes: bytes.slice(), maxNodes: limits.maxNodes, maxValueBytes: limits.maxValueBytes });
  });
}
