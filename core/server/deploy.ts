// Flash from the app: int8 model → sketch (core/sketch) → arduino-cli compile → start the simulated Uno when asked →
// upload through its bootloader → wait for the board's hello. The same core calls `tinydeploy native`/`flash` make;
// to be replaced by proto's core/jobs deploy job once it lands (the api contract stays).
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, TinyDeployError, type DeployResultDto, type ProgressEvent } from '../api/index.js';
import type { BoardSpec } from '../boards/index.js';
import type { VirtualBoard } from '../device/virtual/index.js';
import type { BoardSession } from '../device/session.js';
import { writeSketch } from '../sketch/index.js';
import { compileSketch, locateArduinoCli, uploadSketch } from '../toolchain/index.js';
import type { StoredModel } from './model-store.js';

export interface DeployContext {
  readonly model: StoredModel;
  readonly board: BoardSpec;
  readonly port?: string;
  readonly periodMs?: number;
  readonly signal: AbortSignal;
  readonly onProgress: (e: Omit<ProgressEvent, 'job'>) => void;
  /** Starts (or reuses) the simulated board; the service owns it and stops it on the next deploy or shutdown. */
  readonly simulatedBoard: () => Promise<VirtualBoard>;
  /** The port's live session (shared with Monitor and Validate). */
  readonly session: (port: string) => Promise<BoardSession>;
  /** Closes the port's session so the uploader can have it. */
  readonly releasePort: (port: string) => Promise<void>;
}

/** Scales the sub-steps' own fractions into this job's: sketch 0–5 %, compile 5–60, upload 60–90, hello 90–100. */
function within(ctx: DeployContext, from: number, to: number) {
  return (e: ProgressEvent): void => ctx.onProgress({ stage: e.stage, fraction: from + (to - from) * (e.fraction ?? 0), ...(e.message ? { message: e.message } : {}) });
}

export async function deploy(ctx: DeployContext): Promise<Omit<DeployResultDto, 'seconds'>> {
  const { model, board } = ctx;
  if (!board.fqbn) {
    throw new TinyDeployError(ErrorCode.NotAvailable, `${board.name} is built without arduino-cli, and the app cannot flash it yet.`, {
      advice: 'Pick the simulated Arduino Uno, or a real board arduino-cli knows.',
    });
  }
  ctx.onProgress({ stage: 'sketch', fraction: 0.01, message: 'Writing the sketch (model as C, protocol, demo inputs)…' });
  const parent = await mkdtemp(path.join(os.tmpdir(), 'tinydeploy-sketch-'));
  const labels = model.graph.tensors[model.graph.outputs[0]!]!.shape.at(-1) === 1 ? ['y'] : undefined;
  const sketch = writeSketch(parent, { model: model.graph, tflite: model.bytes, board, name: 'TinyDeployApp', periodMs: ctx.periodMs ?? 50, ...(labels ? { labels } : {}) });
  const cli = await locateArduinoCli();
  ctx.onProgress({ stage: 'compile', fraction: 0.05, message: `Compiling for ${board.name} with arduino-cli…` });
  const built = await compileSketch(cli, { sketchDir: sketch.sketchDir, fqbn: board.fqbn, buildDir: path.join(parent, 'build'), signal: ctx.signal, onProgress: within(ctx, 0.05, 0.6) });
  if (!board.simulated && !ctx.port) {
    throw new TinyDeployError(ErrorCode.PortNotFound, `The sketch compiled; which port is the ${board.name} on?`, { advice: 'Plug the board in and type or pick its port, then flash again.' });
  }
  let port = ctx.port;
  let holderPid: number | undefined;
  if (board.simulated) {
    ctx.onProgress({ stage: 'board', fraction: 0.6, message: 'Starting the simulated Uno (its bootloader waits for the upload)…' });
    const sim = await ctx.simulatedBoard();
    port = sim.port;
    holderPid = sim.pid;
  }
  await ctx.releasePort(port!);
  ctx.onProgress({ stage: 'upload', fraction: 0.62, message: `Uploading to ${port}…` });
  const up = await uploadSketch(cli, { port: port!, fqbn: board.fqbn, buildDir: built.buildDir, sketchDir: sketch.sketchDir, board, signal: ctx.signal,
    ...(holderPid ? { ignoreHolderPids: [holderPid] } : {}), onProgress: within(ctx, 0.62, 0.9) });
  ctx.onProgress({ stage: 'hello', fraction: 0.92, message: 'Waiting for the board to say hello…' });
  const session = await ctx.session(up.port);
  const hello = await session.waitForHello(45_000);
  if (hello.hash !== sketch.hash) {
    throw new TinyDeployError(ErrorCode.BoardNotResponding, `The board on ${up.port} runs another model (hash ${hello.hash}, expected ${sketch.hash}).`, {
      advice: 'Flash again; if it repeats, press the board\'s reset button during the upload.',
    });
  }
  ctx.onProgress({ stage: 'done', fraction: 1, message: `Running on ${board.name}.` });
  return { boardId: board.id, port: up.port, flash: { used: built.flash.used, max: built.flash.max ?? board.flashBytes }, ram: { used: built.ram.used, max: built.ram.max ?? board.ramBytes } };
}
