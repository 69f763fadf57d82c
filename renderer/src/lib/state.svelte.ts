// The app's shared state: one object the steps read and write (Svelte 5 runes).
import type { AppInfoDto, BoardDto, CompressResultDto, DeployResultDto, FitDto, ModelDto, ValidateResultDto } from '../../../core/api/index.js';
import { createClient } from '../client.js';

export type StepId = 'model' | 'compress' | 'board' | 'flash' | 'monitor' | 'validate';

export const STEPS: readonly { id: StepId; title: string; hint: string }[] = [
  { id: 'model', title: 'Model', hint: 'Open a trained network' },
  { id: 'compress', title: 'Compress', hint: 'Quantize, prune, distil' },
  { id: 'board', title: 'Board', hint: 'Does it fit?' },
  { id: 'flash', title: 'Flash', hint: 'Compile and upload' },
  { id: 'monitor', title: 'Monitor', hint: 'Live results' },
  { id: 'validate', title: 'Validate', hint: 'Same bytes on the board?' },
];

export const client = createClient();

export const app = $state({
  step: 'model' as StepId,
  info: null as AppInfoDto | null,
  model: null as ModelDto | null,
  compress: null as CompressResultDto | null,
  /** The int8 model Board and Flash use: the Compress result, or the opened model when it is already int8. */
  deployModelId: null as string | null,
  boards: [] as readonly BoardDto[],
  boardId: 'uno-sim',
  fit: null as FitDto | null,
  deploy: null as DeployResultDto | null,
  port: null as string | null,
  validation: null as ValidateResultDto | null,
  /** Set by Flash's "Next": Monitor starts on the flashed port by itself. */
  autoMonitor: false,
});

export function go(step: StepId): void {
  app.step = step;
  // Move focus to the step's heading so keyboard and screen-reader users land on the new content.
  queueMicrotask(() => document.getElementById('step-heading')?.focus());
}

/** Opening another model invalidates everything downstream of it. */
export function setModel(m: ModelDto): void {
  app.model = m;
  app.compress = null;
  app.deployModelId = m.dtype === 'int8' ? m.id : null;
  app.fit = null;
  app.deploy = null;
  app.validation = null;
}

export function done(step: StepId): boolean {
  switch (step) {
    case 'model': return app.model !== null;
    case 'compress': return app.compress !== null || app.model?.dtype === 'int8';
    case 'board': return app.fit !== null && app.fit.verdict !== 'too-big';
    case 'flash': return app.deploy !== null;
    case 'monitor': return false;
    case 'validate': return app.validation?.passed === true;
  }
}
