// The Node implementation of core/api's TinyDeployService: the one object browser mode and Electron both call.
import { EventEmitter } from 'node:events';
import { ErrorCode, TinyDeployError, type AppInfoDto, type BoardDto, type CompressRequest, type CompressResultDto, type CoreStatusDto,
  type DeployRequest, type DeployResultDto, type ExampleDto, type FitDto, type FitRequest, type ModelDto, type ModelSourceDto,
  type MonitorRequest, type PortListDto, type ServiceEventDto, type TinyDeployService, type ValidateRequest, type ValidateResultDto } from '../api/index.js';
import { appInfo } from '../app-info.js';
import { BOARDS, boardById, type BoardSpec } from '../boards/index.js';
import { listPorts } from '../device/index.js';
import { coreInstallCommand, installCore, listInstalledCores, locateArduinoCli } from '../toolchain/index.js';
import { runCompress, type CompressMode } from './compress-job.js';
import { listExamples } from './examples.js';
import { checkFit } from './fit.js';
import { ModelStore } from './model-store.js';
import { startMonitor, type RunningMonitor } from './monitor.js';
import { openModel } from './open-model.js';

function boardDto(b: BoardSpec): BoardDto {
  return { id: b.id, name: b.name, fqbn: b.fqbn, core: b.core, mcu: b.mcu, clockHz: b.clockHz, ramBytes: b.ramBytes, flashBytes: b.flashBytes, simulated: b.simulated, notes: [...b.notes] };
}

function board(id: string): BoardSpec {
  const b = boardById(id);
  if (!b) throw new TinyDeployError(ErrorCode.InvalidArgument, `There is no board "${id}" in the catalog.`, { advice: 'Pick a board from the list.' });
  return b;
}

function notYet(what: string): TinyDeployError {
  return new TinyDeployError(ErrorCode.NotAvailable, `${what} is not part of this build yet.`, {
    advice: 'Use the CLI meanwhile (tinydeploy native, then tinydeploy flash); the app will do it once the deploy job lands.',
  });
}

export class NodeService implements TinyDeployService {
  readonly events = new EventEmitter<{ event: [ServiceEventDto] }>();
  private readonly store = new ModelStore();
  private readonly jobs = new Map<string, AbortController>();
  private readonly monitors = new Map<string, RunningMonitor>();

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
    return this.job(request.jobId, async () => { throw notYet('Flashing from the app'); });
  }

  async startMonitor(request: MonitorRequest): Promise<void> {
    if (this.jobs.has(request.jobId) || this.monitors.has(request.jobId)) {
      throw new TinyDeployError(ErrorCode.InvalidArgument, `A job named ${request.jobId} is already running.`, { advice: 'Stop it first.' });
    }
    const m = await startMonitor(request.jobId, request.port, (e) => {
      if (e.type === 'ended') this.monitors.delete(request.jobId);
      this.emit(e);
    });
    this.monitors.set(request.jobId, m);
  }

  validate(request: ValidateRequest): Promise<ValidateResultDto> {
    return this.job(request.jobId, async () => { throw notYet('Validation on the board'); });
  }

  async cancel(request: { jobId: string }): Promise<boolean> {
    const m = this.monitors.get(request.jobId);
    if (m) { this.monitors.delete(request.jobId); await m.stop(); return true; }
    const j = this.jobs.get(request.jobId);
    j?.abort();
    return j !== undefined;
  }

  /** Stops every monitor and job (server shutdown). */
  async close(): Promise<void> {
    for (const j of this.jobs.values()) j.abort();
    await Promise.all([...this.monitors.values()].map((m) => m.stop().catch(() => undefined)));
    this.monitors.clear();
  }
}
