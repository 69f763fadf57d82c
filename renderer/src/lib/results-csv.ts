// The Monitor's results as CSV (no DOM here: tests run it under Node).
import type { LiveResultDto } from '../../../core/api/index.js';

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function resultsCsv(rows: readonly LiveResultDto[]): string {
  const labels = rows[0]?.labels ?? [];
  // The input x of one-value models, as its own column, when the board sent it.
  const withX = rows.some((r) => r.x !== undefined);
  const head = ['time_iso', 'seq', 'top', 'latency_us', ...(withX ? ['x'] : []), ...labels].map(csvCell).join(',');
  const body = rows.map((r) => [new Date(r.at).toISOString(), String(r.seq), r.top ?? '', r.latencyUs === undefined ? '' : String(r.latencyUs),
    ...(withX ? [r.x === undefined ? '' : String(r.x)] : []), ...r.values.map(String)].map(csvCell).join(','));
  return [head, ...body].join('\n') + '\n';
}
