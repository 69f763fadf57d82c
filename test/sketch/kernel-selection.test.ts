// One kernel selection for a model everywhere: the sketch copies, the firmware builds compile and `tinydeploy native`
// writes the same kernel files (codegen's kernelFilesFor), with td_requant.c only where packed constants need it.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { boardById } from '../../core/boards/index.js';
import { nativeCommand } from '../../core/cli/native.js';
import { generateNativeModel, kernelFilesFor } from '../../core/codegen/index.js';
import { renderSketch } from '../../core/sketch/index.js';
import { nativeModelFiles } from '../../core/sketch/native-files.js';
import { sharedModel } from '../support/tools.js';
import { firmwareKernelSources } from '../support/firmware.js';
import { loadModel } from './support.js';

const speech = loadModel('micro_speech_quantized');
const isKernel = (name: string): boolean => /^td_/.test(name);
const base = (files: readonly string[]): string[] => files.map((f) => path.basename(f)).sort();
const COMMON = ['td_conv.c', 'td_fully_connected.c', 'td_shape_ops.c', 'td_softmax.c', 'td_transcendental.c'];

describe('kernel selection across the sketch and the firmware', () => {
  it.each([
    ['packed', [...COMMON, 'td_requant.c'].sort()],
    ['plain', COMMON],
  ] as const)('%s requantization constants: the sketch and the firmware take the same kernel files', (layout, sources) => {
    const model = generateNativeModel(speech.graph, { prefix: 'kws', requantLayout: layout });
    expect(model.source.includes('td_requant_packed')).toBe(layout === 'packed');
    const sketch = nativeModelFiles(model).map((f) => f.name).filter(isKernel).sort();
    const firmware = base(firmwareKernelSources(model));
    expect(firmware).toEqual(sources);
    expect(sketch.filter((f) => f.endsWith('.c'))).toEqual(firmware);
    expect(sketch.filter((f) => f.endsWith('.h'))).toEqual(base(kernelFilesFor(model.source).headers));
  });

  it('renderSketch, the firmware and `tinydeploy native` agree on the kernel files of one model file', async () => {
    const sketch = [...renderSketch({ model: speech.graph, tflite: speech.bytes, board: boardById('nano33ble-sense-rev1')! }).files.keys()]
      .map((f) => f.replace(/^src\//, '')).filter((f) => isKernel(f) && !/^td_(protocol|ram)/.test(f)).sort();
    const out = mkdtempSync(path.join(tmpdir(), 'td-kernels-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await nativeCommand([sharedModel(speech.file), '--out', out, '--json'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(readdirSync(out).filter(isKernel).sort()).toEqual(sketch);
    const firmware = base(firmwareKernelSources(generateNativeModel(speech.graph, { prefix: 'model' })));
    expect(sketch.filter((f) => f.endsWith('.c'))).toEqual(firmware);
  });
});
