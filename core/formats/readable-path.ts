// A path a student gave, checked before any reader runs: missing, unreadable or wrong-kind paths become one
// InvalidArgument error naming the path, never a raw ENOENT or EISDIR from deep inside a reader.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { ErrorCode, TinyDeployError } from '../api/index.js';

/** What went wrong with a path, in words, from a Node file-system error code. */
export function fsProblem(code: string | undefined): string {
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    case 'EEXIST': return 'a file of that name is in the way';
    case 'ENOSPC': return 'the disk is full';
    case 'EROFS': return 'the file system is read-only';
    default: return code ? `the system said ${code}` : 'unknown reason';
  }
}

export type PathKind = 'file' | 'folder' | 'file-or-folder';

/**
 * Resolves when `file` exists, is readable and is of the expected kind; else throws InvalidArgument.
 * @param what how the command calls it ("model", "--data file"); @param advice what to give instead
 */
export async function checkReadable(file: string, what: string, kind: PathKind, advice: string): Promise<'file' | 'folder'> {
  const fail = (why: string, cause?: unknown): TinyDeployError =>
    new TinyDeployError(ErrorCode.InvalidArgument, `cannot read ${what} "${file}": ${why}`, { advice, cause });
  let isFolder: boolean;
  try {
    const s = await stat(file);
    isFolder = s.isDirectory();
    if (!isFolder && !s.isFile()) throw fail('it is not a regular file (a device, pipe or socket)');
    await access(file, isFolder ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch (err) {
    if (err instanceof TinyDeployError) throw err;
    throw fail(fsProblem((err as NodeJS.ErrnoException).code), err);
  }
  if (isFolder && kind === 'file') throw fail('it is a folder, not a file');
  if (!isFolder && kind === 'folder') throw fail('it is a file, not a folder');
  return isFolder ? 'folder' : 'file';
}
