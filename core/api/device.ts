// Flash, Monitor and Validate DTOs: the deploy job, the live results a board streams (protocol v1), the on-board check.
import { isJobId, isObject, isOptional, isString } from './guards.js';
import type { BudgetDto } from './board.js';

export interface DeployRequest {
  readonly jobId: string;
  /** The int8 model to put on the board (the Compress result or an int8 file). */
  readonly modelId: string;
  readonly boardId: string;
  /** Where the board is; for a simulated board, omit it and the server starts one. */
  readonly port?: string;
  /** How often the sketch streams a result, in ms (0 = as fast as it can); default 50. */
  readonly periodMs?: number;
}

export interface DeployResultDto {
  readonly boardId: string;
  readonly port: string;
  /** The whole sketch as the compiler measured it. */
  readonly flash: BudgetDto;
  readonly ram: BudgetDto;
  readonly seconds: number;
}

export interface MonitorRequest {
  readonly jobId: string;
  readonly port: string;
  readonly boardId?: string;
}

/** One live result line: scores per label (or values of a regression output), the top label, latency. */
export interface LiveResultDto {
  readonly type: 'result';
  readonly job: string;
  readonly seq: number;
  readonly labels: readonly string[];
  readonly values: readonly number[];
  readonly top?: string;
  readonly latencyUs?: number;
  /** The input value of a one-value model (the board's x=): the Monitor then plots y against x. */
  readonly x?: number;
  /** Host clock when the line arrived (ms since epoch). */
  readonly at: number;
}

export interface RamStatsDto {
  readonly type: 'ram';
  readonly job: string;
  readonly free?: number;
  readonly stack?: number;
  readonly activation?: number;
  readonly total?: number;
  readonly at: number;
}

/** A raw line for the serial console (every line, readable or not). */
export interface SerialLineDto {
  readonly type: 'line';
  readonly job: string;
  readonly text: string;
  readonly at: number;
}

export interface MonitorEndedDto {
  readonly type: 'ended';
  readonly job: string;
  /** Why it ended when it was not asked to (the board was unplugged, the port closed). */
  readonly error?: import('./errors.js').ErrorDto;
}

/** The board introduced itself (protocol @hello): which model it runs, its labels, its RAM. */
export interface BoardHelloDto {
  readonly type: 'hello';
  readonly job: string;
  readonly board: string;
  readonly model: string;
  readonly hash: string;
  readonly labels: readonly string[] | null;
  readonly backend: string;
  readonly ramTotal: number;
  readonly periodMs: number;
}

/** The connection changed: open, or gone and being reopened (unplugged, reset), with lines lost so far. */
export interface MonitorStatusDto {
  readonly type: 'status';
  readonly job: string;
  readonly state: 'open' | 'reconnecting';
  readonly lostLines: number;
  /** Why it is reconnecting, in words a student can act on. */
  readonly error?: import('./errors.js').ErrorDto;
}

export type MonitorEventDto = LiveResultDto | RamStatsDto | SerialLineDto | MonitorEndedDto | BoardHelloDto | MonitorStatusDto;

export interface ValidateRequest {
  readonly jobId: string;
  readonly modelId: string;
  readonly port: string;
  readonly boardId?: string;
}

export interface ValidateResultDto {
  readonly cases: number;
  /** Cases whose int8 output bytes equal the reference interpreter's exactly. */
  readonly exact: number;
  readonly maxAbsDiff: number;
  readonly passed: boolean;
  readonly words: string;
}

export function isDeployRequest(x: unknown): x is DeployRequest {
  return isObject(x) && isJobId(x.jobId) && isString(x.modelId, 100) && isString(x.boardId, 100) && isOptional(x.port, (v): v is string => isString(v, 300)) &&
    (x.periodMs === undefined || (Number.isInteger(x.periodMs) && (x.periodMs as number) >= 0 && (x.periodMs as number) <= 60_000));
}

export function isMonitorRequest(x: unknown): x is MonitorRequest {
  return isObject(x) && isJobId(x.jobId) && isString(x.port, 300) && isOptional(x.boardId, (v): v is string => isString(v, 100));
}

export function isValidateRequest(x: unknown): x is ValidateRequest {
  return isObject(x) && isJobId(x.jobId) && isString(x.modelId, 100) && isString(x.port, 300);
}
