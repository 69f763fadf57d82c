// Where the C kernels live, and which of them a generated model needs: the one selection that sketches, the CLI,
// the firmware builds of tests and benchmarks all copy or compile, so none of them links code the model never calls.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { OpType } from '../model/index.js';
import { shippedDir } from '../resources.js';

/** native/kernels (the packaged app's copy under process.resourcesPath when packaged). */
export function nativeKernelsDir(): string {
  return shippedDir('native', 'kernels');
}

/** Kernel files as absolute paths, each list sorted by name. */
export interface KernelFiles {
  readonly sources: string[];
  readonly headers: string[];
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

function readKernel(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new TinyDeployError(ErrorCode.Internal, `TinyDeploy's kernel file ${file} is missing`, {
      advice: 'Reinstall TinyDeploy (or restore native/kernels in a checkout).', cause: err,
    });
  }
}

const sorted = (dir: string, names: Iterable<string>): KernelFiles => {
  const all = [...names].sort();
  return {
    sources: all.filter((f) => f.endsWith('.c')).map((f) => path.join(dir, f)),
    headers: all.filter((f) => f.endsWith('.h')).map((f) => path.join(dir, f)),
  };
};

/** Every kernel source and header (for checks that compile them all). */
export function allKernelFiles(): KernelFiles {
  const dir = nativeKernelsDir();
  return sorted(dir, readdirSync(dir).filter((f) => /\.[ch]$/.test(f)));
}

const INCLUDE = /^\s*#\s*include\s+"([^"]+)"/gm;
const IDENTIFIER = /\btd_[a-z0-9_]+\b/g;
const FUNCTION_NAME = /\b(td_[a-z0-9_]+)\s*\(/;

/** The C code alone: comments, string and character literals blanked (newlines kept), so a label or a comment that
 *  names a kernel, or holds a brace, changes nothing. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => m.replace(/[^\n]/g, ' '));
}

/**
 * The functions a header prototypes at file scope (defined by the .c beside it) and the bodies of those it defines
 * itself (static inline helpers: no .c needed, but what their bodies call is).
 */
function headerFunctions(header: string): { declared: string[]; defined: Map<string, string> } {
  const code = codeOnly(header).replace(/^\s*#.*$/gm, '');
  const declared: string[] = [];
  const defined = new Map<string, string>();
  let depth = 0;
  let start = 0; // where the current file-scope statement begins
  let open = -1; // its first '{' at file scope
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '{') {
      if (depth === 0 && open < 0) open = i;
      depth++;
    } else if (ch === '}') {
      depth--;
      const head = code.slice(start, open);
      const name = FUNCTION_NAME.exec(head)?.[1];
      if (depth === 0 && name && /\)\s*$/.test(head)) {
        defined.set(name, code.slice(open, i + 1));
        start = i + 1;
        open = -1;
      }
    } else if (ch === ';' && depth === 0) {
      const name = open < 0 ? FUNCTION_NAME.exec(code.slice(start, i))?.[1] : undefined;
      if (name) declared.push(name);
      start = i + 1;
      open = -1;
    }
  }
  return { declared, defined };
}

/**
 * The kernel files a generated model source needs: the .c files reachable from the td_* functions it references
 * (calls or function pointers such as td_requant_packed), transitively through those .c files and the inline helpers
 * they use, and the headers the source and those .c files include, transitively. td_requant.c, for example, is
 * only chosen when a packed requantization table references its decoder.
 */
export function kernelFilesFor(source: string): KernelFiles {
  const dir = nativeKernelsDir();
  const names = new Set(readdirSync(dir));
  const text = new Map<string, string>();
  const read = (name: string): string => {
    let t = text.get(name);
    if (t === undefined) text.set(name, (t = readKernel(path.join(dir, name))));
    return t;
  };

  const owner = new Map<string, string>(); // function → the .c that defines it
  const helpers = new Map<string, string>(); // static inline function → its body
  for (const h of [...names].filter((f) => f.endsWith('.h')).sort()) {
    const { declared, defined } = headerFunctions(read(h));
    const c = h.replace(/\.h$/, '.c');
    if (names.has(c)) for (const fn of declared) owner.set(fn, c);
    for (const [fn, body] of defined) helpers.set(fn, body);
  }

  const chosen = new Set<string>();
  const seen = new Set<string>();
  const visitCode = (code: string): void => {
    for (const [id] of code.matchAll(IDENTIFIER)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const c = owner.get(id);
      if (c && !chosen.has(c)) {
        chosen.add(c);
        visitCode(codeOnly(read(c)));
      }
      const body = helpers.get(id);
      if (body !== undefined) visitCode(body);
    }
  };
  visitCode(codeOnly(source));

  const files = new Set(chosen);
  const include = (t: string): void => {
    for (const [, inc] of t.matchAll(INCLUDE)) {
      if (names.has(inc!) && !files.has(inc!)) {
        files.add(inc!);
        include(read(inc!));
      }
    }
  };
  include(source);
  for (const c of chosen) include(read(c));
  return sorted(dir, files);
}
