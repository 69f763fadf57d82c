// Runs bin/tinydeploy.js as a user does (a child process) and collects its exit code, stdout and stderr.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../support/tools.js';

export interface CliRun { code: number | null; stdout: string; stderr: string }

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /** Run as this uid/gid through setpriv (root reads every file, so permission tests drop to nobody). */
  asUser?: { uid: number; gid: number };
  cwd?: string;
}

export function cli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const node = [process.execPath, path.join(REPO_ROOT, 'bin', 'tinydeploy.js'), ...args];
  const argv = options.asUser
    ? ['setpriv', `--reuid=${options.asUser.uid}`, `--regid=${options.asUser.gid}`, '--clear-groups', ...node]
    : node;
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The lines a failed command printed: exactly `error: …` then one indented line of advice. */
export function errorLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((l) => l.trim() !== '');
}
