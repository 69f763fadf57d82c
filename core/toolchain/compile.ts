// `arduino-cli compile`: the build, its flash/RAM use against the board's maximum, and typed failures.
import { ErrorCode, TinyDeployError, type ProgressListener } from '../api/index.js';
import { classifyCliError } from './classify.js';
import {
  diagnosticsFromCliJson, missingHeader, parseGccDiagnostics, parseRegionOverflow, parseSizeReport,
} from './diagnostics.js';
import { CompileFailedError, type Diagnostic } from './errors.js';
import { cliErrorText, runCli, type ArduinoCli, type CallOptions } from './run.js';

export interface MemoryUse {
  readonly used: number;
  /** The board's limit, or null when the core declares none. */
  readonly max: number | null;
}

export interface CompileOptions extends CallOptions {
  readonly sketchDir: string;
  readonly fqbn: string;
  /** Keep the build here (reused between compiles: the warm cache); default arduino-cli's per-sketch folder. */
  readonly buildDir?: string;
  /** Extra `--build-property key=value` entries. */
  readonly buildProperties?: readonly string[];
  /** Folders of libraries that ship with the sketch (`--library`). */
  readonly libraries?: readonly string[];
  readonly onProgress?: ProgressListener;
}

export interface CompileResult {
  readonly buildDir: string;
  readonly flash: MemoryUse;
  readonly ram: MemoryUse;
  /** Warnings and notes (a successful build has no errors). */
  readonly diagnostics: readonly Diagnostic[];
  readonly millis: number;
}

interface Sections {
  readonly flash: MemoryUse | null;
  readonly ram: MemoryUse | null;
}

/** Flash ("text") and RAM ("data") use from builder_result.executable_sections_size; null where absent. */
export function parseSectionSizes(value: unknown): Sections {
  const find = (name: string): MemoryUse | null => {
    if (!Array.isArray(value)) return null;
    const s = value.find((x) => typeof x === 'object' && x !== null && (x as Record<string, unknown>).name === name) as
      Record<string, unknown> | undefined;
    if (!s) return null;
    const used = Number(s.size ?? 0);
    const max = Number(s.max_size ?? 0);
    if (!Number.isFinite(used) || used < 0) return null;
    return { used, max: Number.isFinite(max) && max > 0 ? max : null };
  };
  return { flash: find('text'), ram: find('data') };
}

/** The parts of `compile --json` output we use, tolerant of missing fields. */
export function parseCompileJson(json: unknown): {
  success: boolean; buildPath?: string; sections: Sections; diagnostics: Diagnostic[]; compilerErr: string;
  compilerOut: string; error?: string;
} {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const br = (typeof o.builder_result === 'object' && o.builder_result !== null ? o.builder_result : {}) as
    Record<string, unknown>;
  return {
    success: o.success === true,
    ...(typeof br.build_path === 'string' ? { buildPath: br.build_path } : {}),
    sections: parseSectionSizes(br.executable_sections_size),
    diagnostics: diagnosticsFromCliJson(br.diagnostics),
    compilerErr: typeof o.compiler_err === 'string' ? o.compiler_err : '',
    compilerOut: typeof o.compiler_out === 'string' ? o.compiler_out : '',
    ...(typeof o.error === 'string' ? { error: o.error } : {}),
  };
}

/** The arduino-cli compile arguments (pure); '--' ends the options, so a sketch folder named "-h" stays a path. */
export function compileArgs(opts: Pick<CompileOptions, 'fqbn' | 'buildDir' | 'buildProperties' | 'libraries' | 'sketchDir'>): string[] {
  const args = ['compile', '--fqbn', opts.fqbn, '--warnings', 'default'];
  if (opts.buildDir) args.push('--build-path', opts.buildDir);
  for (const p of opts.buildProperties ?? []) args.push('--build-property', p);
  for (const l of opts.libraries ?? []) args.push('--library', l);
  args.push('--', opts.sketchDir);
  return args;
}

export async function compileSketch(cli: ArduinoCli, opts: CompileOptions): Promise<CompileResult> {
  const args = compileArgs(opts);
  opts.onProgress?.({ job: 'compile', stage: 'compile', fraction: 0, message: `Compiling for ${opts.fqbn}` });
  const r = await runCli(cli, args, { ...opts, defaultTimeoutMs: 15 * 60_000 });
  const parsed = parseCompileJson(r.json);
  if (r.exitCode !== 0 || !parsed.success) throw compileError(parsed, cliErrorText(r), opts.fqbn);

  const flash = parsed.sections.flash ?? { used: 0, max: null };
  const ram = parsed.sections.ram ?? { used: 0, max: null };
  opts.onProgress?.({ job: 'compile', stage: 'done', fraction: 1,
    message: `Flash ${flash.used}${flash.max ? ` of ${flash.max}` : ''} bytes, RAM ${ram.used}${ram.max ? ` of ${ram.max}` : ''} bytes` });
  return {
    buildDir: parsed.buildPath ?? opts.buildDir ?? '',
    flash,
    ram,
    diagnostics: parsed.diagnostics.length > 0 ? parsed.diagnostics : parseGccDiagnostics(parsed.compilerErr),
    millis: r.millis,
  };
}

/** The typed error for a failed compile: a missing core, a bad FQBN, a too-big sketch, or compiler errors. */
export function compileError(parsed: ReturnType<typeof parseCompileJson>, errorText: string, fqbn: string): TinyDeployError {
  const cliError = classifyCliError(parsed.error ?? errorText, fqbn);
  if (cliError) return cliError;
  const output = [parsed.compilerErr, parsed.error ?? errorText].filter(Boolean).join('\n');
  const fromText = parseGccDiagnostics(parsed.compilerErr);
  const diagnostics = fromText.length > 0 ? fromText : parsed.diagnostics;

  const overflow = parseRegionOverflow(output);
  const tooBig = /text section exceeds available space|sketch too big/i.test(output);
  const tooMuchRam = /data section exceeds available space|not enough memory/i.test(output);
  if (overflow || tooBig || tooMuchRam) {
    const ram = tooMuchRam || (overflow !== null && /data|ram|bss/i.test(overflow.region));
    const report = parseSizeReport(parsed.compilerOut);
    const excess = overflow && overflow.bytes > 0 ? overflow.bytes
      : report && !tooMuchRam && report.flashUsed > report.flashMax ? report.flashUsed - report.flashMax : 0;
    const by = excess > 0 ? ` by ${excess} bytes` : '';
    return new CompileFailedError(diagnostics, output,
      `The sketch does not fit the board's ${ram ? 'RAM' : 'flash'}${by}.`,
      ram ? 'Shrink the model\'s activations (a smaller input, fewer channels) or pick a board with more RAM.'
        : 'Compress the model (int8 quantization, pruning) or pick a board with more flash.');
  }
  const header = missingHeader(diagnostics);
  if (header) {
    return new CompileFailedError(diagnostics, output, `The sketch needs ${header}, which is not installed.`,
      `Install the library that provides ${header} (Libraries → search "${header.replace(/\.h(pp)?$/, '')}").`);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return new CompileFailedError(diagnostics, output);
  if (!output.trim()) {
    return new TinyDeployError(ErrorCode.Internal, 'arduino-cli failed without saying why.', {
      advice: 'Run the set-up again; if it persists, report it with the log.',
    });
  }
  return new CompileFailedError(diagnostics, output, `The sketch did not compile: ${output.trim().split('\n').pop()}`);
}
