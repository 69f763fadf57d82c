// A generated model includes, and its output copies, only the kernels its ops use (with what those include).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateNativeModel, kernelHeadersFor, nativeKernelFiles } from '../../core/codegen/index.js';
import { readTflite } from '../../core/formats/tflite/index.js';
import { sharedModel } from '../support/tools.js';

const names = (files: readonly string[]): string[] => files.map((f) => path.basename(f));

describe('kernel selection', () => {
  it('person_detect includes conv, pooling, softmax and the copies; its files add requant and transcendental, no others', () => {
    const model = generateNativeModel(readTflite(readFileSync(sharedModel('person_detect.tflite'))), { prefix: 'm' });
    expect(model.kernels).toEqual(['td_conv.h', 'td_pooling.h', 'td_shape_ops.h', 'td_softmax.h']);
    const included = [...model.source.matchAll(/^#include "(td_[^"]+)"/gm)].map((m) => m[1]);
    expect(included).toEqual(model.kernels);
    const files = nativeKernelFiles(model.kernels);
    expect(names(files.sources)).toEqual(['td_conv.c', 'td_pooling.c', 'td_requant.c', 'td_shape_ops.c', 'td_softmax.c', 'td_transcendental.c']);
    expect(names(files.headers)).toEqual(['td_avr_asm.h', 'td_conv.h', 'td_fixedpoint.h', 'td_pooling.h', 'td_requant.h', 'td_shape_ops.h', 'td_softmax.h', 'td_transcendental.h']);
  });

  it('a model of element-wise ops needs no convolution, requantization table or transcendental code', () => {
    const model = generateNativeModel(readTflite(readFileSync(sharedModel('simple_add_model.tflite'))), { prefix: 'm' });
    expect(names(nativeKernelFiles(model.kernels).sources)).toEqual(['td_elementwise.c', 'td_shape_ops.c']);
  });

  it('every op has a kernel header, and without a list every kernel file is returned', () => {
    expect(kernelHeadersFor(['LOGISTIC', 'MEAN'])).toEqual(['td_activations.h', 'td_reduce.h', 'td_shape_ops.h']);
    const all = nativeKernelFiles();
    expect(names(all.sources)).toContain('td_elementwise.c');
    expect(names(all.headers)).toContain('td_kernels.h');
  });
});
