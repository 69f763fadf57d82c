// The release download path, with the network replaced by a fetch that serves a real tar.gz built here.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ErrorCode, type ProgressEvent } from '../../core/api/index.js';
import { downloadArduinoCli, releaseAsset } from '../../core/toolchain/index.js';
import { onPath, tierAvailable } from '../support/tools.js';

const asset = releaseAsset('linux', 'x64', '1.5.1')!;

async function makeRelease(): Promise<{ archive: Buffer; checksums: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'td-release-'));
  writeFileSync(path.join(dir, 'arduino-cli'), '#!/bin/sh\necho fake-cli\n');
  writeFileSync(path.join(dir, 'LICENSE.txt'), 'x');
  const file = path.join(dir, asset.fileName);
  await execa('tar', ['-czf', file, '-C', dir, 'arduino-cli', 'LICENSE.txt']);
  const archive = readFileSync(file);
  const sha = createHash('sha256').update(archive).digest('hex');
  return { archive, checksums: `${'0'.repeat(64)}  other.zip\n${sha}  ${asset.fileName}\n` };
}

function serve(files: Record<string, Buffer | string>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    const body = files[url];
    if (body === undefined) return new Response('missing', { status: 404 });
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    return new Response(bytes, { headers: { 'content-length': String(bytes.length) } });
  }) as typeof fetch;
}

describe.runIf(tierAvailable('unit', [onPath('tar')]))('downloading the pinned arduino-cli', () => {
  it('downloads with progress, checks the sha256 and unpacks the executable', async () => {
    const { archive, checksums } = await makeRelease();
    const toolsDir = mkdtempSync(path.join(tmpdir(), 'td-tools-'));
    const events: ProgressEvent[] = [];
    const exe = await downloadArduinoCli({
      toolsDir, asset, onProgress: (e) => events.push(e),
      fetchImpl: serve({ [asset.url]: archive, [asset.checksumsUrl]: checksums }),
    });
    expect(exe).toBe(path.join(toolsDir, 'bin', 'arduino-cli'));
    expect((await execa(exe)).stdout).toBe('fake-cli');
    expect(statSync(exe).mode & 0o111).not.toBe(0);
    const fractions = events.map((e) => e.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
  });

  it('refuses a corrupted download and a release with no checksum for the file', async () => {
    const { archive, checksums } = await makeRelease();
    const toolsDir = mkdtempSync(path.join(tmpdir(), 'td-tools-'));
    const corrupted = Buffer.from(archive);
    corrupted[corrupted.length - 5] ^= 0xff;
    await expect(downloadArduinoCli({ toolsDir, asset, fetchImpl: serve({ [asset.url]: corrupted, [asset.checksumsUrl]: checksums }) }))
      .rejects.toMatchObject({ code: ErrorCode.ToolMissing, message: expect.stringMatching(/checksum/) });
    await expect(downloadArduinoCli({ toolsDir, asset, fetchImpl: serve({ [asset.url]: archive, [asset.checksumsUrl]: 'junk\n' }) }))
      .rejects.toMatchObject({ code: ErrorCode.ToolMissing });
    await expect(downloadArduinoCli({ toolsDir, asset, fetchImpl: serve({}) }))
      .rejects.toMatchObject({ code: ErrorCode.ToolMissing, advice: expect.stringMatching(/internet/) });
  });
});
