// Runs one cross-compiler tool (gcc, size, objcopy) and turns its failures into errors a student can act on.
import { execa } from 'execa';
import { ErrorCode, TinyDeployError } from '../api/index.js';

export interface CrossToolOptions {
  /** What the call does, for messages: 'compile', 'size', 'convert'. */
  readonly purpose: string;
  /** Debian packages that provide the tool, for the advice. */
  readonly aptPackage: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

const MAX_MESSAGE = 4000;

/** Resolves with stdout/stderr on exit 0; throws ToolMissing, Cancelled, Timeout or CompileFailed otherwise. */
export async function runCrossTool(tool: string, args: readonly string[], opts: CrossToolOptions): Promise<{ stdout: string; stderr: string }> {
  const res = await execa(tool, args, {
    reject: false,
    all: false,
    env: { LC_ALL: 'C' }, // plain ASCII quotes in diagnostics, whatever the user's locale
    timeout: opts.timeoutMs ?? 300_000,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (res.code === 'ENOENT') {
    throw new TinyDeployError(ErrorCode.ToolMissing, `${tool} is not installed`, {
      advice: `Run scripts/setup.sh, or: sudo apt-get install ${opts.aptPackage}`,
    });
  }
  if (res.isCanceled) throw new TinyDeployError(ErrorCode.Cancelled, `${tool} (${opts.purpose}) was cancelled`, { cause: res });
  if (res.timedOut) {
    throw new TinyDeployError(ErrorCode.Timeout, `${tool} (${opts.purpose}) did not finish in time`, {
      advice: 'The machine may be overloaded; try again.',
      cause: res,
    });
  }
  if (res.exitCode !== 0) {
    const detail = (String(res.stderr ?? '') || String(res.stdout ?? '') || (res.message ?? '')).slice(0, MAX_MESSAGE);
    throw new TinyDeployError(ErrorCode.CompileFailed, `${tool} failed to ${opts.purpose}:\n${detail}`, {
      advice: 'Read the first error above: it names the file and line to fix.',
    });
  }
  return { stdout: String(res.stdout ?? ''), stderr: String(res.stderr ?? '') };
}
