// Reading files a model or dataset names, without trusting it: only regular files (never a FIFO or a device,
// which would block or never end), never more bytes than a cap, and relative paths that stay inside a folder.
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, TinyDeployError } from '../api/index.js';
import { DEFAULT_BUDGET_BYTES } from '../model/index.js';

/** Why a file was refused, for the caller to turn into its own typed error. */
export class FileProblem extends Error {
  constructor(message: string, readonly code?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const KIND = (s: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string =>
  s.isFIFO() ? 'a FIFO (named pipe)' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : s.isSocket() ? 'a socket'
    : s.isDirectory() ? 'a folder' : 'not a regular file';

/** The bytes of `file` if it is a regular file of at most `maxBytes`; opened non-blocking so a FIFO cannot hang. */
export async function readRegularFile(file: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (cause as Error).message;
    throw new FileProblem(why, code, { cause });
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new FileProblem(`it is ${KIND(st)}, not a regular file`, 'ENOTREG');
    if (st.size > maxBytes) throw new FileProblem(`it is ${st.size} bytes, over the limit of ${maxBytes}`, 'ETOOBIG');
    const out = new Uint8Array(st.size);
    let got = 0;
    // Read what stat promised and no more: a file that grows meanwhile cannot make us read without end.
    while (got < out.length) {
      const { bytesRead } = await handle.read(out, got, out.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === out.length ? out : out.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/**
 * The real path of `relative` inside `dir`, refusing absolute paths, `..` segments, and anything (a symlink
 * included) whose real path leaves `dir`.
 */
export async function resolveInside(dir: string, relative: string): Promise<string> {
  if (relative === '' || relative.includes('\0')) throw new FileProblem('the path is empty or holds a NUL byte', 'EBADPATH');
  if (path.isAbsolute(relative) || /^[\\/]|^[A-Za-z]:/.test(relative)) throw new FileProblem('it is an absolute path; shard paths must be relative to model.json', 'EOUTSIDE');
  if (relative.split(/[\\/]+/).some((seg) => seg === '..')) throw new FileProblem("it climbs out of the model's folder with '..'", 'EOUTSIDE');
  const root = await realpath(dir);
  let real: string;
  try {
    real = await realpath(path.join(root, relative));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new FileProblem(code === 'ENOENT' ? 'it does not exist' : (cause as Error).message, code, { cause });
  }
  if (!real.startsWith(root + path.sep)) throw new FileProblem(`it leads outside the model's folder (to ${real})`, 'EOUTSIDE');
  return real;
}

/** A model or dataset file's bytes: a regular file within the memory budget, else a one-line error naming it. */
export async function readInputFile(file: string, what: 'model' | 'dataset'): Promise<Uint8Array> {
  try {
    return await readRegularFile(file, DEFAULT_BUDGET_BYTES);
  } catch (cause) {
    if (!(cause instanceof FileProblem)) throw cause;
    const code = cause.code === 'ENOENT' || cause.code === 'EISDIR' ? ErrorCode.InvalidArgument
      : what === 'model' ? ErrorCode.ModelMalformed : ErrorCode.DatasetMalformed;
    throw new TinyDeployError(code, `Cannot read ${what} "${file}": ${cause.message}.`, {
      cause, advice: `Give the path of a ${what === 'model' ? '.tflite, .keras, .h5 or model.json' : '.csv, .npy or .npz'} file.`,
    });
  }
}
