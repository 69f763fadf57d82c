// The Monitor's CSV export (renderer/src/lib/results-csv.ts): one row per result, the input x as its own column only when
// the board sent it, and cells quoted where a label needs it.
import { describe, expect, it } from 'vitest';
import type { LiveResultDto } from '../../core/api/index.js';
import { resultsCsv } from '../../renderer/src/lib/results-csv.js';

const at = Date.UTC(2026, 11, 1, 8, 0, 0);
const result = (seq: number, values: number[], labels: string[], extra: Partial<LiveResultDto> = {}): LiveResultDto =>
  ({ type: 'result', job: 'j', seq, labels, values, top: labels[0], latencyUs: 1700, at, ...extra });

describe('resultsCsv', () => {
  it('adds an x column for a one-value model whose board sent x', () => {
    const csv = resultsCsv([result(1, [0.5], ['y'], { x: 0.5236 }), result(2, [0.8660], ['y'], { x: 1.0472 })]).trim().split('\n');
    expect(csv[0]).toBe('time_iso,seq,top,latency_us,x,y');
    expect(csv[2]).toBe('2026-12-01T08:00:00.000Z,2,y,1700,1.0472,0.866');
  });

  it('has no x column when no result carries one, and quotes labels with commas', () => {
    const csv = resultsCsv([result(7, [0.9, 0.1], ['yes, loud', 'no'])]).trim().split('\n');
    expect(csv[0]).toBe('time_iso,seq,top,latency_us,"yes, loud",no');
    expect(csv[1]).toBe('2026-12-01T08:00:00.000Z,7,"yes, loud",1700,0.9,0.1');
  });
});
