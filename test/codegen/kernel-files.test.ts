// A generated model includes only the kernel headers its ops use, and kernelFilesFor selects exactly the kernel
// files it needs: the .c files its references reach, and the headers those and the model include.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKernelFiles, generateNativeModel, kernelFilesFor, kernelHeadersFor } from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { sharedModel } from '../support/tools.js';

const names = (files: readonly string[]): string[] => files.map((f) => path.basename(f));
const graphOf = (file: string) => readTflite(readFileSync(sharedModel(file)));

describe('kernel selection', () => {
  it('person_detect includes conv, pooling, softmax and the copies; with packed constants it needs the decoder in td_requant.c', () => {
    const model = generateNativeModel(graphOf('person_detect.tflite'), { prefix: 'm', requantLayout: 'packed' });
    expect(model.kernels).toEqual(['td_conv.h', 'td_pooling.h', 'td_shape_ops.h', 'td_softmax.h']);
    const included = [...model.source.matchAll(/^#include "(td_[^"]+)"/gm)].map((m) => m[1]);
    expect(included).toEqual(model.kernels);
    expect(model.source).toContain('td_requant_packed');
    const files = kernelFilesFor(model.source);
    expect(names(files.sources)).toEqual(['td_conv.c', 'td_pooling.c', 'td_requant.c', 'td_shape_ops.c', 'td_softmax.c', 'td_transcendental.c']);
    expect(names(files.headers)).toEqual(['td_avr_asm.h', 'td_conv.h', 'td_fixedpoint.h', 'td_pooling.h', 'td_requant.h', 'td_shape_ops.h', 'td_softmax.h', 'td_transcendental.h']);
  });

  it('with plain constants the same model links no packed decoder, yet keeps td_requant.h (td_conv.h includes it)', () => {
    const model = generateNativeModel(graphOf('person_detect.tflite'), { prefix: 'm', requantLayout: 'plain' });
    expect(model.source).not.toContain('td_requant_packed');
    const files = kernelFilesFor(model.source);
    expect(names(files.sources)).toEqual(['td_conv.c', 'td_pooling.c', 'td_shape_ops.c', 'td_softmax.c', 'td_transcendental.c']);
    expect(names(files.headers)).toContain('td_requant.h');
  });

  it('a model of element-wise ops needs no convolution, requantization or transcendental files', () => {
    const files = kernelFilesFor(generateNativeModel(graphOf('simple_add_model.tflite'), { prefix: 'm' }).source);
    expect(names(files.sources)).toEqual(['td_elementwise.c', 'td_shape_ops.c']);
    expect(names(files.headers)).toEqual(['td_avr_asm.h', 'td_elementwise.h', 'td_fixedpoint.h', 'td_shape_ops.h']);
  });

  it('follows calls through the chosen .c files: softmax brings the exp and reciprocal of td_transcendental.c', () => {
    const files = kernelFilesFor('#include "td_softmax.h"\nvoid f(void) { td_softmax_s8(0, 0, 0); }\n');
    expect(names(files.sources)).toEqual(['td_softmax.c', 'td_transcendental.c']);
    expect(names(files.headers)).toEqual(['td_avr_asm.h', 'td_fixedpoint.h', 'td_softmax.h', 'td_transcendental.h']);
  });

  it('a kernel named only in a comment or a string (a class label) selects nothing', () => {
    const source = '/* td_conv_s8( */\nconst char *const m_labels[1] = {"td_softmax_s8(/*"};\n// td_requant_packed\nvoid f(void) { td_copy_s8(1, 0, 0); }\n';
    expect(names(kernelFilesFor(source).sources)).toEqual(['td_shape_ops.c']);
  });

  it('a call to a static inline helper selects no .c of its own (td_requant_at lives in td_requant.h)', () => {
    expect(kernelFilesFor('void f(void) { td_requant_at(0, 0, 0); td_mbqm(1, 2, 3); }').sources).toEqual([]);
  });

  it('every op has a kernel header, and allKernelFiles lists every kernel file', () => {
    expect(kernelHeadersFor(['LOGISTIC', 'MEAN'])).toEqual(['td_activations.h', 'td_reduce.h', 'td_shape_ops.h']);
    const all = allKernelFiles();
    expect(names(all.sources)).toContain('td_requant.c');
    expect(names(all.headers)).toContain('td_kernels.h');
    expect(all.sources.every((f) => f.endsWith('.c')) && all.headers.every((f) => f.endsWith('.h'))).toBe(true);
  });
});
