// On a student's machine with network: download the pinned arduino-cli release, verify it, unpack it into the tools.
import { createHash } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { unzipSync } from 'fflate';
import { ErrorCode, TinyDeployError, type ProgressListener } from '../api/index.js';
import { checksumFor, releaseAsset, type ReleaseAsset } from './pinned.js';

export interface DownloadOptions {
  /** The tools folder; the executable lands in <toolsDir>/bin. */
  readonly toolsDir: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** Injected for tests or a proxy-aware fetch; default the global fetch. */
  readonly fetchImpl?: typeof fetch;
  readonly asset?: ReleaseAsset;
}

/** Reads a response body to the end, reporting the fraction received when the server sends a length. */
export async function readWithProgress(res: Response, onFraction: (fraction: number, bytes: number) => void): Promise<Uint8Array> {
  const total = Number(res.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(await res.arrayBuffer());
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onFraction(total > 0 ? Math.min(1, received / total) : 0, received);
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function networkError(what: string, cause: unknown): TinyDeployError {
  return new TinyDeployError(ErrorCode.ToolMissing, `Downloading ${what} failed.`, {
    cause,
    advice: 'Check the internet connection (or the lab proxy), or install arduino-cli yourself and set its path.',
  });
}

/** Downloads, checks the sha256 against the release's list, unpacks; returns the executable's path. */
export async function downloadArduinoCli(opts: DownloadOptions): Promise<string> {
  const asset = opts.asset ?? releaseAsset();
  if (!asset) {
    throw new TinyDeployError(ErrorCode.ToolMissing, `arduino-cli publishes no build for ${process.platform}/${process.arch}.`,
      { advice: 'Build arduino-cli from source (see scripts/setup-arduino.sh) and set its path in the settings.' });
  }
  const get = opts.fetchImpl ?? fetch;
  const emit = (stage: string, fraction: number, message?: string) =>
    opts.onProgress?.({ job: 'arduino-cli-download', stage, fraction, ...(message ? { message } : {}) });
  const fetchOk = async (url: string): Promise<Response> => {
    let res: Response;
    try {
      res = await get(url, opts.signal ? { signal: opts.signal } : {});
    } catch (err) {
      if (opts.signal?.aborted) throw new TinyDeployError(ErrorCode.Cancelled, 'The download was cancelled.', { cause: err });
      throw networkError(url, err);
    }
    if (!res.ok) throw networkError(url, new Error(`HTTP ${res.status}`));
    return res;
  };

  emit('checksums', 0, `Fetching the checksums of ${asset.fileName}`);
  const expected = checksumFor(await (await fetchOk(asset.checksumsUrl)).text(), asset.fileName);
  if (!expected) throw networkError(asset.checksumsUrl, new Error(`no checksum listed for ${asset.fileName}`));

  const res = await fetchOk(asset.url);
  const data = await readWithProgress(res, (f, bytes) => emit('download', 0.05 + 0.85 * f, `${Math.round(bytes / 1024)} KB`));
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== expected) {
    throw new TinyDeployError(ErrorCode.ToolMissing, `The downloaded ${asset.fileName} is corrupt (checksum mismatch).`,
      { advice: 'Download it again; a proxy may have altered the file.' });
  }

  emit('unpack', 0.95, 'Unpacking');
  const binDir = path.join(opts.toolsDir, 'bin');
  const staging = path.join(opts.toolsDir, `.download-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    if (asset.archive === 'zip') {
      const files = unzipSync(data, { filter: (f) => path.basename(f.name) === asset.executable });
      const entry = Object.values(files)[0];
      if (!entry) throw new Error(`${asset.executable} is not in the archive`);
      await writeFile(path.join(staging, asset.executable), entry);
    } else {
      const archive = path.join(staging, asset.fileName);
      await writeFile(archive, data);
      await execa('tar', ['-xzf', archive, '-C', staging, asset.executable]);
    }
    await mkdir(binDir, { recursive: true });
    const target = path.join(binDir, asset.executable);
    await chmod(path.join(staging, asset.executable), 0o755);
    await rename(path.join(staging, asset.executable), target);
    emit('done', 1, `arduino-cli installed in ${binDir}`);
    return target;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
