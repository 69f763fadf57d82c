// Runs one compress request in a child process (compress-worker.ts), relays its progress, and kills it on cancel.
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, TinyDeployError, type CompressRequest, type CompressResultDto, type ErrorDto, type ProgressEvent } from '../api/index.js';
import type { CompressWorkerInput, CompressWorkerResult } from './compress-run.js';
import { runCompressWork } from './compress-run.js';
import { readTflite } from '../formats/index.js';
import { inferShapes } from '../model/index.js';
import { exampleById } from './examples.js';
import { explainVariant } from './explain.js';
import type { ModelStore } from './model-store.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'compress-worker.ts');
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type WorkerMessage =
  | { type: 'progress'; event: ProgressEvent }
  | ({ type: 'done' } & CompressWorkerResult)
  | { type: 'error'; error: ErrorDto };

/** A RemoteError from the worker becomes a TinyDeployError again so the api serialises it with all its fields. */
function fromDto(dto: ErrorDto): Error {
  const e = new TinyDeployError(dto.code, dto.message, dto.advice ? { advice: dto.advice } : undefined);
  return Object.assign(e, dto.unsupportedOps ? { ops: dto.unsupportedOps } : {});
}

const cancelled = (): TinyDeployError => new TinyDeployError(ErrorCode.Cancelled, 'Compression was cancelled.', { advice: 'Start it again when you are ready.' });

/** Browser mode: a child process that Cancel kills at once. */
function runForked(input: CompressWorkerInput, signal: AbortSignal, onProgress: (e: ProgressEvent) => void): Promise<CompressWorkerResult> {
  return new Promise<CompressWorkerResult>((resolve, reject) => {
    const child = fork(WORKER, [], { cwd: REPO, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
    const onAbort = (): void => { child.kill('SIGKILL'); reject(cancelled()); };
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') { onProgress(m.event); return; }
      signal.removeEventListener('abort', onAbort);
      if (m.type === 'error') reject(fromDto(m.error));
      else resolve(m);
    });
    child.on('exit', (code, sig) => {
      signal.removeEventListener('abort', onAbort);
      reject(new TinyDeployError(ErrorCode.Internal, `The compression worker stopped (${sig ?? `exit ${code}`}) before it finished.`, {
        cause: stderr, advice: 'Try fewer epochs or a smaller model; the worker\'s last output is in the server log.',
      }));
    });
    child.send(input);
  });
}

/** Electron: already in the utility process, off the window's thread; cancel stops at the next progress event. */
async function runInline(input: CompressWorkerInput, signal: AbortSignal, onProgress: (e: ProgressEvent) => void): Promise<CompressWorkerResult> {
  return runCompressWork(input, (e) => { if (signal.aborted) throw cancelled(); onProgress(e); });
}

export type CompressMode = 'fork' | 'inline';

export async function runCompress(store: ModelStore, req: CompressRequest, signal: AbortSignal, onProgress: (e: ProgressEvent) => void, mode: CompressMode = 'fork'): Promise<CompressResultDto> {
  const started = performance.now();
  const model = store.get(req.modelId);
  if (model.graph.tensors.some((t) => t.dtype === 'int8' && !t.data)) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `${model.name} is already int8: there is nothing left to quantize or train.`, {
      advice: 'Go on to Board with this model, or open the float version of the model to compress it.',
    });
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tinydeploy-compress-'));
  try {
    let datasetPath = model.exampleId ? exampleById(model.exampleId)?.datasetFile : undefined;
    if (req.dataset) {
      datasetPath = path.join(tmp, path.basename(req.dataset.name).replace(/[^\w.-]/g, '_') || 'data.csv');
      await writeFile(datasetPath, Buffer.from(req.dataset.base64, 'base64'));
    }
    if (!datasetPath) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, 'Compression needs a dataset to measure accuracy on, and this model has none.', {
        advice: 'Pick a CSV file (feature columns and a label column) with "Choose dataset".',
      });
    }
    onProgress({ job: req.jobId, stage: 'start', fraction: 0, message: 'Starting the compression worker…' });
    const input: CompressWorkerInput = {
      modelName: model.name, modelBase64: Buffer.from(model.bytes).toString('base64'), datasetPath, quantize: req.quantize,
      ...(req.prune ? { prune: req.prune } : {}), ...(req.distillWidth !== undefined ? { distillWidth: req.distillWidth } : {}),
      ...(req.epochs !== undefined ? { epochs: req.epochs } : {}),
    };
    const relay = (e: ProgressEvent): void => onProgress({ ...e, job: req.jobId });
    const msg = mode === 'inline' ? await runInline(input, signal, relay) : await runForked(input, signal, relay);
    const r = msg.report;
    const base = r.variants[0]!;
    let deployModelId: string | undefined;
    if (msg.int8Base64) {
      const bytes = new Uint8Array(Buffer.from(msg.int8Base64, 'base64'));
      const graph = readTflite(bytes);
      inferShapes(graph);
      deployModelId = store.add({ name: `${model.name.replace(/\.[^.]+$/, '')}.int8.tflite`, bytes, graph, ...(model.exampleId ? { exampleId: model.exampleId } : {}) }).id;
    }
    onProgress({ job: req.jobId, stage: 'done', fraction: 1, message: 'Compression finished.' });
    return {
      task: r.task, metricName: r.metricName, activationRamMethod: r.activationRamMethod,
      variants: r.variants.map((v, i) => ({
        name: v.name, kind: v.kind, dtype: v.dtype, params: v.params, weightBytes: v.weightBytes, zippedWeightBytes: v.zippedWeightBytes,
        activationRamBytes: v.activationRamBytes, macs: v.macs, metric: v.metric, notes: v.notes,
        explanation: explainVariant(v, base, r.metricName), histogram: msg.histograms[i] ?? { min: -1, max: 1, counts: [] },
      })),
      ...(deployModelId ? { deployModelId } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
