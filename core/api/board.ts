// Board DTOs: the catalog, the ports, and the fit of a model against a board's flash and RAM.
import { isJobId, isObject, isString } from './guards.js';

export interface BoardDto {
  readonly id: string;
  readonly name: string;
  readonly fqbn: string | null;
  readonly core: string | null;
  readonly mcu: string;
  readonly clockHz: number;
  readonly ramBytes: number;
  readonly flashBytes: number;
  readonly simulated: boolean;
  readonly notes: readonly string[];
}

export interface PortDto {
  readonly address: string;
  readonly label: string;
  readonly boardId?: string;
  readonly simulated: boolean;
}

export interface PortListDto {
  readonly ports: readonly PortDto[];
  readonly warnings: readonly string[];
}

export interface BudgetDto {
  readonly used: number;
  readonly max: number;
}

export interface FitDto {
  readonly boardId: string;
  readonly modelId: string;
  /** The model's weights and constants in flash. */
  readonly flash: BudgetDto;
  /** The model's activation buffer (plus constants AVR keeps in RAM). */
  readonly ram: BudgetDto;
  /** fits: under 75 % of both; tight: fits but little room for the sketch itself; too-big: over a budget. */
  readonly verdict: 'fits' | 'tight' | 'too-big';
  /** The verdict and its reason in one sentence a student can act on. */
  readonly words: string;
  /** How the figures were obtained (the native backend's memory plan, or a float estimate). */
  readonly method: string;
}

export interface FitRequest {
  readonly modelId: string;
  readonly boardId: string;
}

export interface CoreStatusDto {
  readonly coreId: string;
  readonly installed: boolean;
  readonly installCommand: string;
}

export function isFitRequest(x: unknown): x is FitRequest {
  return isObject(x) && isString(x.modelId, 100) && isString(x.boardId, 100);
}

export function isInstallCoreRequest(x: unknown): x is { jobId: string; coreId: string } {
  return isObject(x) && isJobId(x.jobId) && isString(x.coreId, 100) && /^[\w.-]+:[\w.-]+$/.test(x.coreId);
}
