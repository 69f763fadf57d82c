// Progress of the job the UI is waiting for, fed by the service's progress events.
import type { ServiceEventDto } from '../../../core/api/index.js';
import { client } from './state.svelte.js';

export interface JobView { id: string; fraction: number | undefined; message: string }

/** Calls listener with every event of one job id until the returned function is called. */
export function follow(jobId: string, onEvent: (e: ServiceEventDto) => void): () => void {
  return client.onEvent((e) => { if (e.job === jobId) onEvent(e); });
}

export function trackProgress(job: JobView): () => void {
  return follow(job.id, (e) => {
    if (e.type !== 'progress') return;
    if (e.fraction !== undefined) job.fraction = e.fraction;
    job.message = e.message ?? e.stage;
  });
}
