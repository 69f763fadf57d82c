// The one service contract every front end talks to: the browser client (HTTP/WebSocket), the Electron preload
// (IPC) and the Node implementation in core/server are all typed by TinyDeployService.
import type { AppInfoDto } from './app.js';
import type { BoardDto, CoreStatusDto, FitDto, FitRequest, PortListDto } from './board.js';
import type { CompressRequest, CompressResultDto } from './compress.js';
import type { DeployRequest, DeployResultDto, MonitorEventDto, MonitorRequest, ValidateRequest, ValidateResultDto } from './device.js';
import { isCompressRequest } from './compress.js';
import { isFitRequest, isInstallCoreRequest } from './board.js';
import { isDeployRequest, isMonitorRequest, isValidateRequest } from './device.js';
import { isJobId, isObject } from './guards.js';
import { isModelSourceDto, type ExampleDto, type ModelDto, type ModelSourceDto } from './model.js';
import type { ProgressEvent } from './progress.js';

export interface TinyDeployService {
  appInfo(): Promise<AppInfoDto>;
  listExamples(): Promise<readonly ExampleDto[]>;
  openModel(source: ModelSourceDto): Promise<ModelDto>;
  /** Long job: progress events carry request.jobId; cancel(jobId) stops it with ErrorCode.Cancelled. */
  compress(request: CompressRequest): Promise<CompressResultDto>;
  listBoards(): Promise<readonly BoardDto[]>;
  listPorts(): Promise<PortListDto>;
  checkFit(request: FitRequest): Promise<FitDto>;
  coreStatus(request: { boardId: string }): Promise<CoreStatusDto | null>;
  installCore(request: { jobId: string; coreId: string }): Promise<void>;
  /** Long job: compile, upload (starting a simulated board when asked), wait for the board's hello. */
  deploy(request: DeployRequest): Promise<DeployResultDto>;
  /** Starts streaming MonitorEventDto events for request.jobId; resolves once the port is open. */
  startMonitor(request: MonitorRequest): Promise<void>;
  /** Long job: send the test vectors and compare the board's int8 outputs with the reference interpreter. */
  validate(request: ValidateRequest): Promise<ValidateResultDto>;
  /** Stops a job or a monitor by its id; true when something was running. */
  cancel(request: { jobId: string }): Promise<boolean>;
}

export type ServiceMethod = keyof TinyDeployService;

/** Everything the service pushes without being asked: job progress and monitor events. */
export type ServiceEventDto = ({ readonly type: 'progress' } & ProgressEvent) | MonitorEventDto;

/** The argument guard of every method: the server and the IPC bridge refuse calls that fail it. */
export const METHOD_GUARDS: { readonly [M in ServiceMethod]: (arg: unknown) => boolean } = {
  appInfo: (a) => a === undefined,
  listExamples: (a) => a === undefined,
  openModel: isModelSourceDto,
  compress: isCompressRequest,
  listBoards: (a) => a === undefined,
  listPorts: (a) => a === undefined,
  checkFit: isFitRequest,
  coreStatus: (a) => isObject(a) && typeof a.boardId === 'string' && a.boardId.length < 100,
  installCore: isInstallCoreRequest,
  deploy: isDeployRequest,
  startMonitor: isMonitorRequest,
  validate: isValidateRequest,
  cancel: (a) => isObject(a) && isJobId(a.jobId),
};

export function isServiceMethod(x: unknown): x is ServiceMethod {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(METHOD_GUARDS, x);
}

/** A call as it travels over a socket or IPC: id matches the answer to the call. */
export interface RpcCall {
  readonly id: number;
  readonly method: ServiceMethod;
  readonly arg?: unknown;
}

export type RpcMessage =
  | { readonly kind: 'result'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly error: import('./errors.js').ErrorDto }
  | { readonly kind: 'event'; readonly event: ServiceEventDto };

export function isRpcCall(x: unknown): x is RpcCall {
  return isObject(x) && Number.isSafeInteger(x.id) && isServiceMethod(x.method);
}

export function isServiceEvent(x: unknown): x is ServiceEventDto {
  return isObject(x) && typeof x.type === 'string' && typeof x.job === 'string' &&
    ['progress', 'result', 'ram', 'line', 'ended', 'hello', 'status'].includes(x.type);
}

/** One call's outcome as it crosses a process boundary: the value, or the error as a DTO. */
export type CallResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: import('./errors.js').ErrorDto };

/**
 * What electron/preload.ts exposes as window.tinydeploy (and what the renderer's socket client implements):
 * one generic call checked against METHOD_GUARDS on the other side, and one event subscription.
 */
export interface ServiceBridge {
  call(method: ServiceMethod, arg?: unknown): Promise<CallResult>;
  onEvent(listener: (event: ServiceEventDto) => void): () => void;
}
