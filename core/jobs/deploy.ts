// The deploy pipeline: import → (quantize) → fit check → render → compile → upload → first live result, with
// progress events and cancellation. The CLI, the app and the tests call this one function.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, TinyDeployError, type ProgressListener } from '../api/index.js';
import { boardById, SIMULATED_M4F_ID, SIMULATED_UNO_ID, type BoardSpec } from '../boards/index.js';
import { BoardSession } from '../device/session.js';
import type { HelloMessage, RamMessage, ResultMessage } from '../device/protocol/index.js';
import { randomInputs } from '../device/validate.js';
import { startVirtualBoard, type VirtualBoard } from '../device/virtual/index.js';
import { writeSketch } from '../sketch/index.js';
import { compileSketch, locateArduinoCli, uploadSketch, type ArduinoCli } from '../toolchain/index.js';
import { checkFits, type FitReport } from './fit-check.js';
import { buildMps2ProtocolFirmware } from './mps2-firmware.js';
import { prepareModel, type PreparedModel } from './prepare-model.js';

/** What --board accepts besides catalog ids. */
const BOARD_ALIASES: Record<string, string> = { 'simulated-uno': SIMULATED_UNO_ID, 'simulated-m4f': SIMULATED_M4F_ID };

export interface DeployRequest {
  readonly model: string;
  /** A catalog id, or simulated-uno / simulated-m4f. */
  readonly board: string;
  /** The board's serial port; a simulated board is started when none is given. */
  readonly port?: string;
  readonly data?: string;
  readonly quantize?: 'int8';
  readonly labels?: readonly string[];
  /** Stream period in ms (0 = as fast as the link allows); default 200. */
  readonly periodMs?: number;
  /** Where the sketch and builds go; default a new temporary folder. */
  readonly workDir?: string;
  readonly cli?: ArduinoCli;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** How long to wait for the first live result (default 60 s: a simulated Uno on a busy machine is slow). */
  readonly firstResultTimeoutMs?: number;
}

export interface DeployResult {
  readonly board: BoardSpec;
  readonly port: string;
  readonly model: PreparedModel;
  readonly fit: FitReport;
  readonly sketchDir?: string;
  /** Flash and RAM as the compiler reports them (bytes used, and the board's maximum when known). */
  readonly flash: { used: number; max: number | null };
  readonly ram: { used: number; max: number | null };
  readonly hello: HelloMessage;
  readonly firstResult: ResultMessage;
  readonly ram0?: RamMessage;
  /** The live session, still open: the caller streams from it and stops it. */
  readonly session: BoardSession;
  /** The simulated board this job started, if any: the caller stops it. */
  readonly virtualBoard?: VirtualBoard;
}

/** The model's name as an Arduino sketch name (it is also the name the hello announces). */
function sketchName(name: string, hash: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63);
  return clean || `TinyDeploy_${hash}`;
}

export function resolveBoard(id: string): BoardSpec {
  const board = boardById(BOARD_ALIASES[id] ?? id);
  if (!board) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `unknown board "${id}"`, {
      advice: 'Give a catalog id such as uno or nano33ble-sense-rev2, or simulated-uno / simulated-m4f (tinydeploy ports lists boards plugged in).',
    });
  }
  return board;
}

export async function deploy(req: DeployRequest): Promise<DeployResult> {
  const board = resolveBoard(req.board);
  const progress = (stage: string, fraction: number, message: string): void => req.onProgress?.({ job: 'deploy', stage, fraction, message });
  const checkCancel = (): void => {
    if (req.signal?.aborted) throw new TinyDeployError(ErrorCode.Cancelled, 'Deploy was cancelled', { cause: req.signal.reason });
  };
  if (!board.simulated && !req.port) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `--port is needed to deploy to a real ${board.name}`, {
      advice: 'tinydeploy ports lists the boards plugged in and their ports; or deploy to simulated-uno / simulated-m4f.',
    });
  }
  progress('import', 0.02, `reading ${req.model}`);
  const model = await prepareModel(req.model, { ...(req.quantize ? { quantize: req.quantize } : {}), ...(req.data ? { data: req.data } : {}) });
  checkCancel();
  progress('fit', 0.15, `checking ${model.name} fits the ${board.name}`);
  const fit = checkFits(model.graph, board);
  progress('fit', 0.2, `fits: RAM ~${fit.ramNeeded} of ${fit.ramAvailable} B, flash ~${fit.flashNeeded} of ${fit.flashAvailable} B`);
  checkCancel();
  const workDir = req.workDir ?? await mkdtemp(path.join(os.tmpdir(), 'tinydeploy-deploy-'));
  const periodMs = req.periodMs ?? 200;
  const labels = req.labels ?? model.dataset?.classNames;
  const demo = randomInputs(model.graph, 4, 1);

  let virtualBoard: VirtualBoard | undefined;
  let port = req.port;
  let sketchDir: string | undefined;
  let flash: DeployResult['flash'];
  let ram: DeployResult['ram'];
  try {
    if (board.fqbn === null) {
      // The simulated M4F: bare metal, built with arm-none-eabi-gcc and "uploaded" by starting QEMU on the ELF.
      progress('compile', 0.3, 'building the firmware with arm-none-eabi-gcc');
      const fw = await buildMps2ProtocolFirmware({
        graph: model.graph, modelName: model.name, hash: model.hash, ...(labels ? { labels } : {}), periodMs, demoInputs: demo,
        outDir: path.join(workDir, 'firmware'), ...(req.signal ? { signal: req.signal } : {}),
      });
      flash = { used: fw.size.text + fw.size.data, max: board.flashBytes };
      ram = { used: fw.size.data + fw.size.bss, max: board.ramBytes };
      checkCancel();
      progress('upload', 0.7, 'starting the simulated Cortex-M4F');
      virtualBoard = await startVirtualBoard({ kind: 'cortex-m4f', firmware: fw.elf });
      port = virtualBoard.port;
    } else {
      progress('render', 0.25, 'rendering the sketch');
      const sketch = writeSketch(workDir, {
        model: model.graph, tflite: model.tflite, board, ...(labels ? { labels } : {}), periodMs, demoVectors: demo,
        name: sketchName(model.name, model.hash), modelName: model.name,
      });
      sketchDir = sketch.sketchDir;
      checkCancel();
      progress('compile', 0.3, `compiling for ${board.fqbn} with arduino-cli`);
      const cli = req.cli ?? await locateArduinoCli();
      const built = await compileSketch(cli, {
        sketchDir, fqbn: board.fqbn, buildDir: path.join(workDir, 'build'), ...(req.signal ? { signal: req.signal } : {}),
      });
      flash = built.flash;
      ram = built.ram;
      progress('compile', 0.6, `flash ${flash.used}${flash.max ? ` of ${flash.max}` : ''} B, RAM ${ram.used}${ram.max ? ` of ${ram.max}` : ''} B`);
      checkCancel();
      if (!port) {
        progress('upload', 0.62, 'starting the simulated Uno');
        virtualBoard = await startVirtualBoard({ kind: 'uno' });
        port = virtualBoard.port;
      }
      progress('upload', 0.65, `uploading to ${port}`);
      const up = await uploadSketch(cli, {
        port, fqbn: board.fqbn, buildDir: built.buildDir, sketchDir, board, ...(req.signal ? { signal: req.signal } : {}),
      });
      port = up.port;
    }
    checkCancel();
    progress('connect', 0.85, `waiting for the first live result on ${port}`);
    const session = new BoardSession({ path: port, helloRetryMs: board.fqbn === null ? 700 : 2500 });
    try {
      await session.start();
      const timeout = req.firstResultTimeoutMs ?? 60_000;
      const ram0 = session.waitFor('ram', () => true, timeout).catch(() => undefined);
      const firstResult = await session.waitFor('result', () => true, timeout);
      const hello = await session.waitForHello(timeout);
      if (hello.hash !== model.hash) {
        throw new TinyDeployError(ErrorCode.UploadFailed, `The board on ${port} still runs model ${hello.hash}, not ${model.hash}`, {
          advice: 'The upload did not take: press the board\'s reset button and deploy again.',
        });
      }
      progress('done', 1, `live: ${firstResult.scores.map((s) => `${s.label}:${s.value}`).join(' ')} (${firstResult.latencyUs} µs)`);
      const ramLine = await Promise.race([ram0, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1500))]);
      return {
        board, port, model, fit, ...(sketchDir ? { sketchDir } : {}), flash, ram, hello, firstResult,
        ...(ramLine ? { ram0: ramLine } : {}), session, ...(virtualBoard ? { virtualBoard } : {}),
      };
    } catch (err) {
      await session.stop();
      throw err;
    }
  } catch (err) {
    await virtualBoard?.stop();
    throw err;
  }
}
