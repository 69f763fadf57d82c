// Maps what the OS says about a serial port to errors a student can act on (busy, permission, not found).
import { ErrorCode, PORT_BUSY_ADVICE, PORT_NOT_FOUND_ADVICE, TinyDeployError, portPermissionAdvice } from '../api/index.js';

const NOT_FOUND = /ENOENT|No such file or directory|File not found|cannot find the file/i;
const PERMISSION = /EACCES|EPERM|Permission denied|Access denied|Operation not permitted/i;
const BUSY = /EBUSY|EAGAIN|Cannot lock port|Resource temporarily unavailable|Device or resource busy|Resource busy/i;

function describe(err: unknown): string {
  if (err instanceof Error) return `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`;
  return String(err);
}

/** An open failure as PortNotFound, PortPermission or PortBusy; anything else stays Internal with the cause. */
export function portOpenError(portPath: string, err: unknown, platform: NodeJS.Platform = process.platform): TinyDeployError {
  const text = describe(err);
  if (err instanceof TinyDeployError) return err;
  if (NOT_FOUND.test(text)) {
    return new TinyDeployError(ErrorCode.PortNotFound, `Serial port ${portPath} does not exist`, {
      cause: err,
      advice: PORT_NOT_FOUND_ADVICE,
    });
  }
  if (PERMISSION.test(text)) {
    return new TinyDeployError(ErrorCode.PortPermission, `No permission to open serial port ${portPath}`, {
      cause: err,
      advice: portPermissionAdvice(platform),
    });
  }
  if (BUSY.test(text)) {
    return new TinyDeployError(ErrorCode.PortBusy, `Serial port ${portPath} is in use by another program`, {
      cause: err,
      advice: PORT_BUSY_ADVICE,
    });
  }
  return new TinyDeployError(ErrorCode.Internal, `Could not open serial port ${portPath}: ${text.trim()}`, { cause: err });
}
