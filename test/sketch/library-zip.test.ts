// exportLibraryZip: the layout the Arduino IDE's "Add .ZIP Library" and Edge Impulse users expect.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/api/index.js';
import { boardById } from '../../core/boards/index.js';
import { exportLibraryZip, renderSketch } from '../../core/sketch/index.js';
import { loadModel, tflmAnchor } from './support.js';

const speech = loadModel('micro_speech_quantized');
const rev1 = boardById('nano33ble-sense-rev1')!;

describe('exportLibraryZip', () => {
  const lib = exportLibraryZip({ model: speech.graph, tflite: speech.bytes, board: rev1, name: 'Kws', prefix: 'kws', labels: ['silence', 'unknown', 'yes', 'no'] });
  const entries = Object.fromEntries(Object.entries(unzipSync(lib.zip)).map(([p, b]) => [p, strFromU8(b)]));

  it('one top folder with library.properties, src/<Name>_inferencing.h and an example', () => {
    expect(lib.name).toBe('Kws_inferencing');
    expect(lib.header).toBe('Kws_inferencing.h');
    const paths = Object.keys(entries);
    expect(new Set(paths.map((p) => p.split('/')[0]))).toEqual(new Set(['Kws_inferencing']));
    expect(paths).toEqual(expect.arrayContaining([
      'Kws_inferencing/library.properties', 'Kws_inferencing/src/Kws_inferencing.h', 'Kws_inferencing/src/kws_model.c',
      'Kws_inferencing/src/td_protocol.c', 'Kws_inferencing/src/td_ram_avr.c', 'Kws_inferencing/src/td_ram_mbed.c',
      'Kws_inferencing/src/td_ram_esp.c', 'Kws_inferencing/examples/Kws_inferencing_live/Kws_inferencing_live.ino',
    ]));
    expect(paths.every((p) => !p.includes('{{'))).toBe(true);
    expect(Object.values(entries).every((t) => !/\{\{[A-Z_]+\}\}/.test(t))).toBe(true);
  });

  it('library.properties has every field the Library Manager requires, and names the header', () => {
    const props = Object.fromEntries(entries['Kws_inferencing/library.properties']!.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
    for (const key of ['name', 'version', 'author', 'maintainer', 'sentence', 'paragraph', 'category', 'url', 'architectures']) {
      expect(props[key], key).toBeTruthy();
    }
    expect(props.name).toBe('Kws_inferencing');
    expect(props.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(props.includes).toBe('Kws_inferencing.h');
    expect(props.architectures).toBe('*');
  });

  it('the header pulls in the model and the protocol; the example includes only the library', () => {
    const header = entries['Kws_inferencing/src/Kws_inferencing.h']!;
    expect(header).toContain('#include "kws_model.h"');
    expect(header).toContain('#include "td_protocol.h"');
    const ino = entries['Kws_inferencing/examples/Kws_inferencing_live/Kws_inferencing_live.ino']!;
    expect(ino).toContain('#include <Kws_inferencing.h>');
    expect(ino).not.toContain('#include "');
    // Apart from the includes it is the sketch renderSketch writes for the same options.
    const sketch = renderSketch({ model: speech.graph, tflite: speech.bytes, board: rev1, name: 'Kws', prefix: 'kws', labels: ['silence', 'unknown', 'yes', 'no'] });
    const body = (t: string) => t.split('\n').filter((l) => !l.startsWith('#include')).join('\n');
    expect(body(ino)).toBe(body(sketch.files.get('Kws.ino')!));
  });

  it('carries only the kernels the model calls', () => {
    const kernels = Object.keys(entries).filter((p) => /src\/td_[a-z_]+\.c$/.test(p) && !/td_(protocol|ram_)/.test(p)).map((p) => p.split('/').pop()).sort();
    expect(kernels).toEqual(['td_conv.c', 'td_fully_connected.c', 'td_shape_ops.c', 'td_softmax.c', 'td_transcendental.c']);
  });

  it('refuses the TFLM backend (the library holds the native C model)', () => {
    expect(() => exportLibraryZip({ model: speech.graph, tflite: speech.bytes, board: rev1, backend: 'tflm', tflmArena: tflmAnchor(speech.file) }))
      .toThrow(expect.objectContaining({ code: ErrorCode.InvalidArgument, message: expect.stringMatching(/native C model only/) }));
  });
});
