// Stopping arduino-cli with everything it started: an avr-gcc or avrdude left running would keep our pipes open
// (and a call "cancelled" would hang until it ended), so each run gets its own process group and we kill the group.

/** False on Windows, where there are no process groups to signal: there execa's own kill is used. */
export const PROCESS_GROUPS = process.platform !== 'win32';

const live = new Set<number>();
let exitHooked = false;

/** Signals every process in the group led by pid; a group already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has already ended.
  }
}

/** SIGTERM now, SIGKILL after graceMs for whatever ignored it. */
export function killGroup(pid: number, graceMs = 2000): void {
  signalGroup(pid, 'SIGTERM');
  setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs).unref();
}

/** Remembers a running group so that it dies with us (a detached child would otherwise outlive the app). */
export function trackGroup(pid: number): void {
  live.add(pid);
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const p of live) signalGroup(p, 'SIGKILL');
    });
  }
}

export function untrackGroup(pid: number): void {
  live.delete(pid);
}
