// The files the app reads at run time: the built-in examples come from the checkout (a fresh clone has them), and
// a packaged app finds templates/, native/ and examples/ under process.resourcesPath, which forge ships.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import config from '../../forge.config.js';
import { nativeKernelsDir } from '../../core/codegen/index.js';
import { shippedDir } from '../../core/resources.js';
import { exampleById, listExamples } from '../../core/server/examples.js';
import { NodeService } from '../../core/server/service.js';
import { renderSketch, templatesDir } from '../../core/sketch/index.js';
import { readTflite } from '../../core/formats/index.js';
import { boardById } from '../../core/boards/index.js';
import { REPO_ROOT } from '../support/tools.js';

const proc = process as { resourcesPath?: string };

describe('shipped resources', () => {
  const savedModels = process.env.TINYDEPLOY_MODELS_DIR;
  afterEach(() => {
    delete proc.resourcesPath;
    if (savedModels === undefined) delete process.env.TINYDEPLOY_MODELS_DIR;
    else process.env.TINYDEPLOY_MODELS_DIR = savedModels;
  });

  it('a fresh clone without the shared models still offers hello_world, from files in the repository', async () => {
    process.env.TINYDEPLOY_MODELS_DIR = mkdtempSync(path.join(os.tmpdir(), 'td-no-models-'));
    expect(listExamples().map((e) => e.id)).toEqual(['hello_world', 'hello_world_int8']);
    for (const id of ['hello_world', 'hello_world_int8']) {
      const e = exampleById(id)!;
      expect(path.relative(REPO_ROOT, e.file)).toBe(path.join('examples', path.basename(e.file)));
    }
    expect(path.relative(REPO_ROOT, exampleById('hello_world')!.datasetFile!)).toBe(path.join('examples', 'sine.csv'));
    const service = new NodeService();
    try {
      const m = await service.openModel({ kind: 'example', id: 'hello_world' });
      expect(m.totals.params).toBe(321);
      expect(m.dtype).toBe('float32');
      const q = await service.openModel({ kind: 'example', id: 'hello_world_int8' });
      expect(q.dtype).toBe('int8');
    } finally {
      await service.close();
    }
  });

  it('packaged, templates, kernels and examples are read from process.resourcesPath', () => {
    const res = mkdtempSync(path.join(os.tmpdir(), 'td-resources-'));
    for (const folder of ['templates', 'native', 'examples']) cpSync(path.join(REPO_ROOT, folder), path.join(res, folder), { recursive: true });
    proc.resourcesPath = res;
    expect(shippedDir('native', 'protocol')).toBe(path.join(res, 'native', 'protocol'));
    expect(templatesDir()).toBe(path.join(res, 'templates'));
    expect(nativeKernelsDir()).toBe(path.join(res, 'native', 'kernels'));
    expect(exampleById('hello_world_int8')!.file).toBe(path.join(res, 'examples', 'hello_world_int8.tflite'));
    // A sketch renders from the packaged copy alone (a template changed there shows up in the sketch).
    const ino = path.join(res, 'templates', 'source', 'serial.ino');
    writeFileSync(ino, `// packaged copy\n${readFileSync(ino, 'utf8')}`);
    const graph = readTflite(new Uint8Array(readFileSync(exampleById('hello_world_int8')!.file)));
    const sketch = renderSketch({ model: graph, tflite: readFileSync(exampleById('hello_world_int8')!.file), board: boardById('uno')!, name: 'packaged' });
    expect([...sketch.files.values()].some((t) => t.includes('// packaged copy'))).toBe(true);
  });

  it('forge ships those folders as extra resources, and the checkout has each', () => {
    const extra = (config.packagerConfig as { extraResource?: string[] }).extraResource ?? [];
    for (const folder of ['templates', 'native', 'examples']) {
      expect(extra).toContain(folder);
      expect(shippedDir(folder as 'templates')).toBe(path.join(REPO_ROOT, folder));
    }
  });
});
