// Shared by the real-arduino-cli tests and the flash benchmark: the tools gate, the sketches, and pty stand-ins.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileExists, onPath, REPO_ROOT, TOOLS_DIR, type ToolCheck } from './tools.js';

export const SKETCHES = path.join(REPO_ROOT, 'test', 'sim', 'sketches');

export const ARDUINO_TOOL_CHECKS: readonly ToolCheck[] = [
  fileExists('arduino-cli (scripts/setup-arduino.sh)', path.join(TOOLS_DIR, 'bin', 'arduino-cli')),
  fileExists('the AVR core in the arduino-cli user dir', path.join(TOOLS_DIR, 'arduino', 'user', 'hardware', 'arduino',
    'avr', 'platform.local.txt')),
  onPath('avr-gcc'),
  onPath('avrdude'),
  onPath('python3'),
];

/** A fresh copy of a sketch folder in a temp dir (arduino-cli writes nothing into it, but tests stay independent). */
export function copySketch(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'td-sketch-'));
  const target = path.join(dir, name);
  cpSync(path.join(SKETCHES, name), target, { recursive: true });
  return target;
}

export function tempBuildDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'td-build-'));
}

export interface PtyStandIn {
  readonly port: string;
  readonly pid: number;
  stop(): void;
}

// Python's pty module gives a pseudo-terminal without a native Node addon. "hold" keeps the slave side open too
// (another program has the port open); "silent" closes it and drains the master (a board that never answers).
const PTY_SCRIPT = `
import os, pty, select, sys, time
m, s = pty.openpty()
print(os.ttyname(s), flush=True)
if sys.argv[1] == 'silent':
    os.close(s)
end = time.time() + float(sys.argv[2])
while time.time() < end:
    try:
        if select.select([m], [], [], 0.2)[0]:
            os.read(m, 4096)
    except OSError:
        time.sleep(0.05)
`;

export function startPty(mode: 'hold' | 'silent', lifetimeSeconds = 60): Promise<PtyStandIn> {
  const child: ChildProcess = spawn('python3', ['-c', PTY_SCRIPT, mode, String(lifetimeSeconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('python3 did not print its pty')), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^(\/dev\/\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: m[1]!, pid: child.pid!, stop: () => void child.kill() });
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
