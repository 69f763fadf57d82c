// The Monitor's data: results and RAM figures kept in plain arrays (not reactive state) so 100 results per second
// cost one chart update per frame, not one per result; plus the download of its CSV (results-csv.ts).
import type { LiveResultDto, RamStatsDto } from '../../../core/api/index.js';

export const HISTORY = 300;

export class LiveBuffer {
  results: LiveResultDto[] = [];
  ram: RamStatsDto | null = null;
  lines: string[] = [];
  count = 0;
  /** Every result since the start, for the CSV (capped so an hour of streaming stays in memory). */
  all: LiveResultDto[] = [];

  addResult(r: LiveResultDto): void {
    this.count += 1;
    this.results.push(r);
    if (this.results.length > HISTORY) this.results.splice(0, this.results.length - HISTORY);
    if (this.all.length < 200_000) this.all.push(r);
  }

  addLine(text: string): void {
    this.lines.push(text);
    if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
  }

  latest(): LiveResultDto | undefined {
    return this.results.at(-1);
  }
}

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
