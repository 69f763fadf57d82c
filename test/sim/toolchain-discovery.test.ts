// Our serial discovery (scripts/serial-discovery, used when the module proxy refuses arduino's): the pluggable
// discovery protocol in the order arduino-cli relies on, and the empty mdns-discovery stand-in.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileExists, tierAvailable, TOOLS_DIR } from '../support/tools.js';

const BIN = path.join(TOOLS_DIR, 'bin', 'serial-discovery');
const OURS = existsSync(path.join(TOOLS_DIR, 'bin', '.serial-discovery.version')) &&
  readFileSync(path.join(TOOLS_DIR, 'bin', '.serial-discovery.version'), 'utf8').startsWith('tinydeploy-');
const MDNS = path.join(TOOLS_DIR, 'arduino', 'data', 'packages', 'builtin', 'tools', 'mdns-discovery', '1.0.0', 'mdns-discovery');

/** Sends commands (with pauses) and returns the JSON messages the discovery printed. */
function converse(bin: string, script: (string | number)[]): Promise<Record<string, unknown>[]> {
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => {
      // Messages are indented JSON objects one after another: split where one closes and the next opens.
      resolve(out.split(/\n(?=\{)/).filter((s) => s.trim()).map((s) => JSON.parse(s) as Record<string, unknown>));
    });
    void (async () => {
      for (const step of script) {
        if (typeof step === 'number') await new Promise((r) => setTimeout(r, step));
        else child.stdin.write(`${step}\n`);
      }
      child.stdin.end();
    })();
  });
}

describe.runIf(tierAvailable('sim', [fileExists('serial-discovery (scripts/setup-arduino.sh)', BIN)]) && OURS)(
  'our serial discovery', () => {
    it('answers HELLO, START_SYNC before any port event, then STOP and QUIT', async () => {
      const msgs = await converse(BIN, ['HELLO 1 "test"', 'START_SYNC', 1500, 'STOP', 'QUIT']);
      const kinds = msgs.map((m) => m.eventType);
      expect(kinds[0]).toBe('hello');
      expect(msgs[0]!.protocolVersion).toBe(1);
      expect(kinds[1]).toBe('start_sync');
      expect(msgs[1]!.message).toBe('OK');
      expect(kinds.slice(2, -2).every((k) => k === 'add')).toBe(true);
      expect(kinds.slice(-2)).toEqual(['stop', 'quit']);
      for (const m of msgs.filter((x) => x.eventType === 'add')) {
        expect((m.port as { protocol: string }).protocol).toBe('serial');
      }
    });

    it('lists the same ports in START/LIST mode, and refuses commands before HELLO', async () => {
      const msgs = await converse(BIN, ['LIST', 'HELLO 1 "test"', 'START', 300, 'LIST', 'QUIT']);
      expect(msgs[0]).toMatchObject({ eventType: 'command_error', error: true });
      const list = msgs.find((m) => m.eventType === 'list')!;
      expect(Array.isArray(list.ports)).toBe(true);
    });

    it('reports no ports at all under the name mdns-discovery', async () => {
      const msgs = await converse(MDNS, ['HELLO 1 "test"', 'START', 300, 'LIST', 'QUIT']);
      expect(msgs.find((m) => m.eventType === 'list')!.ports).toEqual([]);
    });
  });
