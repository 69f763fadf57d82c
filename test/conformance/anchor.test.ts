import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tierAvailable } from '../support/tools.js';
import { tflmCheck } from '../support/tflm.js';
import { TFLM_ANCHOR_FILE, measureTflmArenas } from '../support/tflm.js';

const available = tierAvailable('conformance', [tflmCheck]);

describe.skipIf(!available)('bench/anchors/tflm.json', () => {
  it("holds TFLM's current arena_used_bytes for every shared model", () => {
    const recorded = JSON.parse(readFileSync(TFLM_ANCHOR_FILE, 'utf8')) as { models: Record<string, unknown> };
    const fresh = measureTflmArenas();
    expect(Object.keys(fresh).length).toBeGreaterThanOrEqual(6);
    expect(recorded.models).toEqual(fresh);
    for (const a of Object.values(fresh)) expect(a.arena).toBe(a.head + a.tail);
  });
});
