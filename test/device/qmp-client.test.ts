// The QMP client against a scripted server: greeting, events and garbage between answers, errors, split lines.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TinyDeployError } from '../../core/api/index.js';
import { QmpClient } from '../../core/device/virtual/qmp-client.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A unix-socket server that answers each command line through `answer`, which writes raw text back. */
function scriptedServer(answer: (cmd: { execute: string }, write: (text: string) => void) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'td-qmp-'));
  const sock = path.join(dir, 'qmp.sock');
  const server = net.createServer((conn) => {
    conn.write('{"QMP": {"version": {}, "capabilities": ["oob"]}}\r\n');
    let buf = '';
    conn.on('data', (d) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        answer(JSON.parse(line) as { execute: string }, (t) => conn.write(t));
      }
    });
  });
  server.listen(sock);
  cleanups.push(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return sock;
}

describe('QmpClient', () => {
  it('skips the greeting, events and non-JSON noise, and reads answers split across writes', async () => {
    const sock = scriptedServer((cmd, write) => {
      if (cmd.execute === 'qmp_capabilities') return write('{"return": {}}\r\n');
      // noise and an event before the answer, and the answer split over two writes
      write('\u0000garbage{{\r\n{"event": "RESET", "data": {"guest": false}}\r\n{"retu');
      setTimeout(() => write(`rn": {"cmd": "${cmd.execute}"}}\r\n`), 5);
    });
    const client = await QmpClient.connect(sock);
    try {
      expect(await client.execute('system_reset')).toEqual({ cmd: 'system_reset' });
      expect(await client.execute('query-status')).toEqual({ cmd: 'query-status' });
    } finally {
      client.close();
    }
  });

  it('rejects a command that QEMU refuses, with its description', async () => {
    const sock = scriptedServer((cmd, write) => {
      if (cmd.execute === 'qmp_capabilities') return write('{"return": {}}\n');
      write('{"error": {"class": "CommandNotFound", "desc": "The command nope has not been found"}}\n');
    });
    const client = await QmpClient.connect(sock);
    try {
      const err = await client.execute('nope').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TinyDeployError);
      expect((err as Error).message).toMatch(/nope has not been found/);
    } finally {
      client.close();
    }
  });

  it('rejects pending commands when the connection drops, and later ones at once', async () => {
    const sock = scriptedServer((cmd, write) => {
      if (cmd.execute === 'qmp_capabilities') write('{"return": {}}\n');
      // never answers anything else
    });
    const client = await QmpClient.connect(sock);
    const pending = client.execute('system_reset');
    client.close();
    await expect(pending).rejects.toThrow();
    await expect(client.execute('system_reset')).rejects.toThrow(/closed/);
  });

  it('fails to connect to a socket nobody serves', async () => {
    await expect(QmpClient.connect(path.join(os.tmpdir(), 'td-no-such-qmp.sock'), 500)).rejects.toThrow();
  });
});
