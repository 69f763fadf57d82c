// The Node implementation of core/api's TinyDeployService: the one object browser mode and Electron both call.
import { EventEmitter } from 'node:events';
import { ErrorCode, TinyDeployError, type AppInfoDto, type BoardDto, type CompressRequest, type CompressResultDto, type CoreStatusDto,
  type DeployRequest, type DeployResultDto, type ExampleDto, type FitDto, type FitRequest, type ModelDto, type ModelSourceDto,
  type MonitorRequest, type PortListDto, type ServiceEventDto, type TinyDeployService, type ValidateRequest, type ValidateResultDto } from '../api/index.js';
import { appInfo } from '../app-info.js';
import { BOARDS, boardById, type BoardSpec } from '../boards/index.js';
import type { VirtualBoard } from '../device/virtual/index.js';
import { deploy as deployJob } from '../jobs/deploy.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listPorts } from '../device/index.js';
import { coreInstallCommand, installCore, listInstalledCores, locateArduinoCli } from '../toolchain/index.js';
import { runCompress, type CompressMode } from './compress-job.js';
import { listExamples } from './examples.js';
import { checkFit } from './fit.js';
import { ModelStore } from './model-store.js';
import { followSession, type RunningMonitor } from './monitor.js';
import { BoardSession } from '../device/session.js';
import { randomInputs, validateOnBoard } from '../device/validate.js';
import { openModel } from './open-model.js';

function boardDto(b: BoardSpec): BoardDto {
  return { id: b.id, name: b.name, fqbn: b.fqbn, core: b.core, mcu: b.mcu, clockHz: b.clockHz, ramBytes: b.ramBytes, flashBytes: b.flashBytes, simulated: b.simulated, notes: [...b.notes] };
}

function board(id: string): BoardSpec {
  const b = boardById(id);
  if (!b) throw new TinyDeployError(ErrorCode.InvalidArgument, `There is no board "${id}" in the catalog.`, { advice: 'Pick a board from the list.' });
  return b;
}

export class NodeService implements TinyDeployService {
  readonly events = new EventEmitter<{ event: [ServiceEventDto] }>();
  private readonly store = new ModelStore();
  private readonly jobs = new Map<string, AbortController>();
  private readonly monitors = new Map<string, RunningMonitor>();
  /** One live session per port, shared by Monitor and Validate (a port can be open only once). */
  private readonly sessions = new Map<string, BoardSession>();
  private simulated: VirtualBoard | null = null;

  /** compressMode 'fork' (browser mode: a child process) or 'inline' (Electron's utility process is already off the UI). */
  constructor(private readonly options: { compressMode?: CompressMode } = {}) {}

  private emit(e: ServiceEventDto): void {
    this.events.emit('event', e);
  }

  /** Runs a long job under its id so cancel(jobId) can stop it; one job per id at a time. */
  private async job<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.jobs.has(jobId) || this.monitors.has(jobId)) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `A job named ${jobId} is already running.`, { advice: 'Wait for it or cancel it first.' });
    }
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.jobs.delete(jobId);
    }
  }

  async appInfo(): Promise<AppInfoDto> { return appInfo(); }
  async listExamples(): Promise<readonly ExampleDto[]> { return listExamples(); }
  openModel(source: ModelSourceDto): Promise<ModelDto> { return openModel(this.store, source); }

  compress(request: CompressRequest): Promise<CompressResultDto> {
    return this.job(request.jobId, (signal) => runCompress(this.store, request, signal, (e) => this.emit({ type: 'progress', ...e }), this.options.compressMode));
  }

  async listBoards(): Promise<readonly BoardDto[]> { return BOARDS.map(boardDto); }

  async listPorts(): Promise<PortListDto> {
    const list = await listPorts();
    return { ports: list.ports.map((p) => ({ address: p.address, label: p.label, simulated: p.virtualKind !== undefined, ...(p.boardId ? { boardId: p.boardId } : {}) })), warnings: [...list.warnings] };
  }

  async checkFit(request: FitRequest): Promise<FitDto> {
    return checkFit(this.store.get(request.modelId), board(request.boardId));
  }

  async coreStatus(request: { boardId: string }): Promise<CoreStatusDto | null> {
    const b = board(request.boardId);
    if (!b.core) return null;
    const cli = await locateArduinoCli();
    const installed = (await listInstalledCores(cli)).some((c) => c.id === b.core);
    return { coreId: b.core, installed, installCommand: coreInstallCommand(b.core) };
  }

  installCore(request: { jobId: string; coreId: string }): Promise<void> {
    return this.job(request.jobId, async (signal) => {
      const cli = await locateArduinoCli();
      await installCore(cli, request.coreId, { signal, onProgress: (e) => this.emit({ type: 'progress', ...e, job: request.jobId }) });
    });
  }

  deploy(request: DeployRequest): Promise<DeployResultDto> {
    return this.job(request.jobId, async (signal) => {
      const started = performance.now();
      const b = board(request.boardId);
      const model = this.store.get(request.modelId);
      if (!model.graph.tensors.some((t) => t.dtype === 'int8' && !t.data)) {
        throw new TinyDeployError(ErrorCode.InvalidArgument, `${model.name} is a float model; the board runs int8.`, { advice: 'Quantize it in the Compress step first.' });
      }
      // A fresh simulated board for every deploy (as a student takes a fresh board); a real port is freed for the uploader.
      if (b.simulated && this.simulated) {
        await this.dropSession(this.simulated.port);
        await this.simulated.stop();
        this.simulated = null;
      }
      if (request.port) await this.dropSession(request.port);
      const workDir = await mkdtemp(path.join(os.tmpdir(), 'tinydeploy-app-'));
      const file = path.join(workDir, path.basename(model.name).replace(/[^\w.-]/g, '_'));
      await writeFile(file, model.bytes);
      const r = await deployJob({
        model: file, board: b.id, workDir, signal, periodMs: request.periodMs ?? 50, ...(request.port ? { port: request.port } : {}),
        onProgress: (e) => this.emit({ type: 'progress', ...e, job: request.jobId }),
      });
      if (r.virtualBoard) this.simulated = r.virtualBoard;
      this.sessions.set(r.port, r.session);
      return {
        boardId: b.id, port: r.port, seconds: (performance.now() - started) / 1000,
        flash: { used: r.flash.used, max: r.flash.max ?? b.flashBytes }, ram: { used: r.ram.used, max: r.ram.max ?? b.ramBytes },
      };
    });
  }

  /** Closes a port's session (and ends the monitors that follow it) so an uploader or another program can open it. */
  private async dropSession(port: string): Promise<void> {
    const s = this.sessions.get(port);
    if (!s) return;
    this.sessions.delete(port);
    for (const [id, m] of this.monitors) {
      if (m.session === s) { this.monitors.delete(id); await m.stop(); }
    }
    await s.stop().catch(() => undefined);
  }

  /** Tests and the unplug demo: the simulated board this service started, if any. */
  get simulatedBoard(): VirtualBoard | null {
    return this.simulated;
  }

  /** The port's session, opened on first use; rejects with the port's error when it cannot be opened. */
  private async session(port: string): Promise<BoardSession> {
    let s = this.sessions.get(port);
    if (!s) {
      s = new BoardSession({ path: port });
      this.sessions.set(port, s);
    }
    try {
      await s.start();
    } catch (err) {
      this.sessions.delete(port);
      await s.stop().catch(() => undefined);
      throw err;
    }
    return s;
  }

  async startMonitor(request: MonitorRequest): Promise<void> {
    if (this.jobs.has(request.jobId) || this.monitors.has(request.jobId)) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `A job named ${request.jobId} is already running.`, { advice: 'Stop it first.' });
    }
    const session = await this.session(request.port);
    const m = followSession(session, request.jobId, (e) => {
      if (e.type === 'ended') this.monitors.delete(request.jobId);
      this.emit(e);
    });
    this.monitors.set(request.jobId, m);
    // Ask for the hello and RAM now, so the screen fills without waiting for the next periodic line.
    session.requestRam(3000).catch(() => undefined);
  }

  validate(request: ValidateRequest): Promise<ValidateResultDto> {
    return this.job(request.jobId, async (signal) => {
      const model = this.store.get(request.modelId);
      const session = await this.session(request.port);
      const inputs = randomInputs(model.graph, 20, 1);
      this.emit({ type: 'progress', job: request.jobId, stage: 'validate', fraction: 0, message: `Sending ${inputs.length} test inputs to the board…` });
      try {
        const r = await validateOnBoard({
          session, graph: model.graph, inputs, signal,
          onProgress: (done, total) => this.emit({ type: 'progress', job: request.jobId, stage: 'validate', fraction: done / total, message: `${done} of ${total} inputs compared` }),
        });
        const maxAbsDiff = r.mismatches.reduce((m, x) => Math.max(m, ...x.board.map((b, i) => Math.abs(b - (x.host[i] ?? 0)))), 0);
        const passed = r.equal === r.total;
        return {
          cases: r.total, exact: r.equal, maxAbsDiff, passed,
          words: passed
            ? `All ${r.total} outputs are byte-for-byte equal to TinyDeploy's reference interpreter (mean latency ${(r.meanLatencyUs / 1000).toFixed(2)} ms on the board).`
            : `${r.total - r.equal} of ${r.total} outputs differ from the reference (largest difference ${maxAbsDiff} in int8 steps): the board's arithmetic is not the reference's.`,
        };
      } finally {
        await session.setMode('stream').catch(() => undefined);
      }
    });
  }

  async cancel(request: { jobId: string }): Promise<boolean> {
    const m = this.monitors.get(request.jobId);
    if (m) {
      this.monitors.delete(request.jobId);
      await m.stop();
      // A board that went away is not waited for once nobody watches it.
      if (m.session.state !== 'open') await this.dropSession(m.session.path);
      return true;
    }
    const j = this.jobs.get(request.jobId);
    j?.abort();
    return j !== undefined;
  }

  /** Stops every monitor and job (server shutdown). */
  async close(): Promise<void> {
    for (const j of this.jobs.values()) j.abort();
    await Promise.all([...this.monitors.values()].map((m) => m.stop().catch(() => undefined)));
    this.monitors.clear();
    await Promise.all([...this.sessions.values()].map((s) => s.stop().catch(() => undefined)));
    this.sessions.clear();
    await this.simulated?.stop().catch(() => undefined);
    this.simulated = null;
  }
}
