// Pure classifiers from arduino-cli / uploader output (avrdude, bossac, picotool, dfu-util, esptool) to typed errors.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import {
  boardNotResponding, CoreMissingError, portBusy, portNotFound, portPermission, uploadFailed, type PortContext,
  type PortError,
} from './errors.js';

const PERMISSION = [/permission denied/i, /\bEACCES\b/, /access is denied/i, /operation not permitted/i];
const BUSY = [
  /device or resource busy/i, /\bEBUSY\b/, /resource temporarily unavailable/i, /cannot lock port/i,
  /port is busy/i, /access denied.*(in use|another)/i, /serial port .* (is )?in use/i,
];
const NOT_FOUND = [
  /no such file or directory/i, /\bENOENT\b/, /serial port not found/i, /port not found/i,
  /could not open port/i, /the system cannot find the (file|path) specified/i, /no such device/i,
];
const NOT_RESPONDING = [
  /not in sync/i, /programmer is not responding/i, /stk500v?2?_\w+\(\): timeout/i, /no device found on/i,
  /timed out waiting for packet/i, /failed to connect to esp32/i, /no dfu capable usb device/i,
  /unable to (open|find) (the )?(target|device)/i, /no accessible rp2040 devices/i, /target not responding/i,
  /device unresponsive/i, /initialization failed, rc=-1/i,
];

function any(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

/** The uploader's line worth quoting: the last line that looks like an error, trimmed to a sentence. */
export function errorLine(output: string): string | undefined {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && l.length < 500);
  const hit = [...lines].reverse().find((l) => /error|fail|denied|busy|not |cannot|can't|timeout/i.test(l));
  return hit?.replace(/^avrdude(?: warning| error)?:\s*/i, '');
}

/**
 * Which upload failure this output describes. Permission is checked first (it is also an "open" error), then a
 * busy port, a missing port, and a board that never answered; anything else is a generic UploadFailed.
 */
export function classifyUploadFailure(output: string, ctx: PortContext): PortError {
  const text = output.slice(-20_000);
  if (any(PERMISSION, text)) return portPermission(ctx, output);
  if (any(BUSY, text)) return portBusy(ctx, output);
  if (any(NOT_FOUND, text)) return portNotFound(ctx, output);
  if (any(NOT_RESPONDING, text)) return boardNotResponding(ctx, output);
  return uploadFailed(ctx, output, errorLine(text));
}

/** The core id in arduino-cli's "platform not installed" messages, or null. */
export function missingCoreId(message: string): string | null {
  const patterns = [
    /platform '?([\w.-]+:[\w.-]+)'? (?:is )?not (?:found|installed)/i,
    /platform ([\w.-]+:[\w.-]+) is not installed/i,
    /unknown package '?([\w.-]+:[\w.-]+)'?/i,
  ];
  for (const p of patterns) {
    const m = p.exec(message);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * arduino-cli's own errors (not the compiler's, not the uploader's) that have a typed meaning: a missing core,
 * a bad FQBN or sketch path. Returns null for anything else so the caller keeps its own classification.
 */
export function classifyCliError(message: string, fqbn?: string): TinyDeployError | null {
  const coreId = missingCoreId(message);
  if (coreId) return new CoreMissingError(coreId, message);
  if (/invalid fqbn/i.test(message)) {
    return new TinyDeployError(ErrorCode.InvalidArgument, `"${fqbn ?? '?'}" is not a valid board id (FQBN).`,
      { advice: 'Choose the board again from the list.', cause: message });
  }
  if (/can'?t open sketch|no valid sketch found|sketch file not found/i.test(message)) {
    return new TinyDeployError(ErrorCode.InvalidArgument, 'The sketch folder is missing or has no .ino file.',
      { advice: 'Render the sketch again; the folder and its .ino file must have the same name.', cause: message });
  }
  return null;
}
