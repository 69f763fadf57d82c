// Maps what the OS says about a serial port to errors a student can act on (busy, permission, not found).
import { ErrorCode, TinyDeployError } from '../api/index.js';

const NOT_FOUND = /ENOENT|No such file or directory|File not found|cannot find the file/i;
const PERMISSION = /EACCES|EPERM|Permission denied|Access denied|Operation not permitted/i;
const BUSY = /EBUSY|EAGAIN|Cannot lock port|Resource temporarily unavailable|Device or resource busy|Resource busy/i;

function describe(err: unknown): string {
  if (err instanceof Error) return `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`;
  return String(err);
}

/** The group that owns serial devices on Linux; the advice names it. */
export function permissionAdvice(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux') {
    return 'Your user may not use serial ports yet. Run: sudo usermod -a -G dialout $USER — then log out and back in.';
  }
  if (platform === 'win32') return 'Close other programs that may hold the port, or run TinyDeploy as the port owner.';
  return 'Check that your user may open the serial port, and that no other program holds it.';
}

/** An open failure as PortNotFound, PortPermission or PortBusy; anything else stays Internal with the cause. */
export function portOpenError(portPath: string, err: unknown, platform: NodeJS.Platform = process.platform): TinyDeployError {
  const text = describe(err);
  if (err instanceof TinyDeployError) return err;
  if (NOT_FOUND.test(text)) {
    return new TinyDeployError(ErrorCode.PortNotFound, `Serial port ${portPath} does not exist`, {
      cause: err,
      advice: 'Plug the board in (a data cable, not a charge-only one) and pick its port again from the list.',
    });
  }
  if (PERMISSION.test(text)) {
    return new TinyDeployError(ErrorCode.PortPermission, `No permission to open serial port ${portPath}`, {
      cause: err,
      advice: permissionAdvice(platform),
    });
  }
  if (BUSY.test(text)) {
    return new TinyDeployError(ErrorCode.PortBusy, `Serial port ${portPath} is in use by another program`, {
      cause: err,
      advice: 'Close the other serial monitor (Arduino IDE, screen, another TinyDeploy window) and try again.',
    });
  }
  return new TinyDeployError(ErrorCode.Internal, `Could not open serial port ${portPath}: ${text.trim()}`, { cause: err });
}
