// What the OS says about a serial port before and after an upload: does it exist, may we open it, who holds it.
import { constants } from 'node:fs';
import { access, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';

/** True for ports we can check on the file system (POSIX device paths); COM ports and network addresses are not. */
export function isDevicePath(port: string, platform: string = process.platform): boolean {
  return platform !== 'win32' && port.startsWith('/dev/');
}

export async function portExists(port: string): Promise<boolean> {
  if (!isDevicePath(port)) return true;
  try {
    await stat(port);
    return true;
  } catch {
    return false;
  }
}

/** False when the current user may not open the device read/write (e.g. not in the dialout group). */
export async function portAccessible(port: string): Promise<boolean> {
  if (!isDevicePath(port)) return true;
  try {
    await access(port, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Processes that have the port open, as "name (pid N)", found through /proc/<pid>/fd on Linux (empty elsewhere,
 * and only the processes this user may inspect). excludePids leaves out, e.g., a harness that owns the device.
 */
export async function portHolders(port: string, excludePids: readonly number[] = []): Promise<string[]> {
  if (process.platform !== 'linux' || !isDevicePath(port)) return [];
  let target: string;
  try {
    target = await realpath(port);
  } catch {
    return [];
  }
  const holders: string[] = [];
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  await Promise.all(pids.map(async (pid) => {
    if (excludePids.includes(Number(pid))) return;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      return;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = await readlink(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (link === target || link === port) {
        holders.push(`${await processName(pid)} (pid ${pid})`);
        return;
      }
    }
  }));
  return holders.sort();
}

async function processName(pid: string): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/comm`, 'utf8')).trim() || 'a process';
  } catch {
    return 'a process';
  }
}

/** Polls until the port exists again (after a reset or re-enumeration); false when it did not within timeoutMs. */
export async function waitForPort(
  port: string,
  timeoutMs: number,
  signal?: AbortSignal,
  exists: (p: string) => Promise<boolean> = portExists,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await exists(port)) return true;
    if (signal?.aborted || Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
