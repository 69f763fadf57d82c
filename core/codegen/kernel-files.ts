// Where the C kernels live, and which of them a generated model needs, so sketches, tests and benchmarks copy or
// compile only those (with every header they include and the .c beside each header).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpType } from '../model/index.js';
import { shippedDir } from '../resources.js';

/** native/kernels (the packaged app's copy under process.resourcesPath when packaged). */
export function nativeKernelsDir(): string {
  return shippedDir('native', 'kernels');
}

/** The kernel header that declares each op's Eval (see native/kernels/README.md). */
const OP_HEADER: Partial<Record<OpType, string>> = {
  FULLY_CONNECTED: 'td_fully_connected.h', CONV_2D: 'td_conv.h', DEPTHWISE_CONV_2D: 'td_conv.h',
  AVERAGE_POOL_2D: 'td_pooling.h', MAX_POOL_2D: 'td_pooling.h', MEAN: 'td_reduce.h', ADD: 'td_elementwise.h',
  MUL: 'td_elementwise.h', SOFTMAX: 'td_softmax.h', LOGISTIC: 'td_activations.h', TANH: 'td_activations.h',
  RELU: 'td_activations.h', RELU6: 'td_activations.h', QUANTIZE: 'td_activations.h', PAD: 'td_shape_ops.h',
  CONCATENATION: 'td_shape_ops.h', RESHAPE: 'td_shape_ops.h',
};

/** The headers a model with these ops includes; td_shape_ops.h always (it copies the inputs in and outputs out). */
export function kernelHeadersFor(ops: readonly OpType[]): string[] {
  const set = new Set(['td_shape_ops.h']);
  for (const op of ops) {
    const h = OP_HEADER[op];
    if (h) set.add(h);
  }
  return [...set].sort();
}

const includesOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^#include "([^"]+)"/gm)].map((m) => m[1]!);

/**
 * Kernel sources (.c) and headers (.h), absolute paths: every file when `headers` is omitted, else the given headers
 * with everything they include and the .c file of each (td_conv.h brings td_requant.h, td_requant.c, td_fixedpoint.h).
 */
export function nativeKernelFiles(headers?: readonly string[]): { sources: string[]; headers: string[] } {
  const dir = nativeKernelsDir();
  if (!headers) {
    const files = readdirSync(dir).sort();
    return {
      sources: files.filter((f) => f.endsWith('.c')).map((f) => path.join(dir, f)),
      headers: files.filter((f) => f.endsWith('.h')).map((f) => path.join(dir, f)),
    };
  }
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const file = path.join(dir, name);
    for (const inc of includesOf(file)) visit(inc);
    const source = name.replace(/\.h$/, '.c');
    if (name.endsWith('.h') && existsSync(path.join(dir, source))) visit(source);
  };
  for (const h of headers) visit(h);
  const all = [...seen].sort();
  return {
    sources: all.filter((f) => f.endsWith('.c')).map((f) => path.join(dir, f)),
    headers: all.filter((f) => f.endsWith('.h')).map((f) => path.join(dir, f)),
  };
}
