// HDF5 runs in a worker under a deadline: a read that overruns is stopped (and the next read gets a fresh worker),
// and an idle worker never keeps a CLI process alive after it has read a Keras file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKerasH5 } from '../../core/formats/index.js';
import { H5_LIMITS, H5Timeout, readH5Nodes } from '../../core/formats/keras/h5-worker.js';
import { fixturePath } from '../support/fixtures.js';
import { REPO_ROOT } from '../support/tools.js';

const h5 = new Uint8Array(readFileSync(fixturePath('digits_mlp', 'model.h5')));

describe('the HDF5 worker', () => {
  it('stops a read that passes its deadline, then serves the next read from a new worker', async () => {
    await readH5Nodes(h5); // loaded and warm
    await expect(readH5Nodes(h5, { ...H5_LIMITS, timeoutMs: 0 })).rejects.toBeInstanceOf(H5Timeout);
    const nodes = await readH5Nodes(h5);
    expect(Object.keys(nodes)).toContain('model_weights');
    expect((await readKerasH5(h5)).ops.length).toBeGreaterThan(0);
  });

  it('refuses a dataset over the memory budget without reading it', async () => {
    const nodes = await readH5Nodes(h5, { ...H5_LIMITS, maxValueBytes: 8 });
    const datasets = Object.values(nodes).filter((n) => n.kind === 'dataset');
    expect(datasets.length).toBeGreaterThan(0);
    expect(datasets.every((d) => d.kind === 'dataset' && d.value === undefined && /over the memory budget/.test(d.error ?? ''))).toBe(true);
  });

  it('lets a process that read a .h5 exit on its own', () => {
    const script = path.join(REPO_ROOT, 'test', 'formats', 'fuzz', 'read-once.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, fixturePath('digits_mlp', 'model.h5')], { cwd: REPO_ROOT, timeout: 60_000, encoding: 'utf8' });
    expect(r.error, 'the process did not exit within 60 s').toBeUndefined();
    expect(r.stdout).toMatch(/^ops \d+/);
    expect(r.status).toBe(0);
  });
});
