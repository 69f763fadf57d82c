// TF.js weight shards named by a hostile model.json: paths that climb out of the folder, absolute paths, devices,
// FIFOs and symlinks are refused in milliseconds, and a shard larger than its weights declare is not read.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, TinyDeployError } from '../../core/api/index.js';
import { importModel, loadDataset, readTfjsFile } from '../../core/formats/index.js';
import { fixturePath } from '../support/fixtures.js';

const root = mkdtempSync(path.join(tmpdir(), 'tinydeploy-tfjs-'));
afterAll(() => execFileSync('rm', ['-rf', root]));
const source = fixturePath('digits_mlp', 'tfjs');
const SHARD = 'group1-shard1of1.bin';
let n = 0;

/** A copy of the digits_mlp TF.js model in a fresh folder (nested two deep), its shard path replaced by `shardPath`. */
function modelWithShard(shardPath: string, setup?: (dir: string) => void): string {
  const dir = path.join(root, `m${n++}`, 'a', 'b');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(source, SHARD), path.join(dir, SHARD));
  const json = JSON.parse(readFileSync(path.join(source, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  json.weightsManifest[0]!.paths = [shardPath];
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
  setup?.(dir);
  return path.join(dir, 'model.json');
}

async function refusal(file: string): Promise<TinyDeployError> {
  const started = Date.now();
  try { await readTfjsFile(file); } catch (e) {
    expect(e).toBeInstanceOf(TinyDeployError);
    expect(Date.now() - started).toBeLessThan(5000);
    return e as TinyDeployError;
  }
  throw new Error('expected a TinyDeployError');
}

describe('TF.js shard paths', () => {
  it('reads the untouched copy (the control case)', async () => {
    const g = await readTfjsFile(modelWithShard(SHARD));
    expect(g.ops.length).toBeGreaterThan(0);
  });

  it("refuses '../../etc/passwd' without reading it", async () => {
    const e = await refusal(modelWithShard('../../etc/passwd'));
    expect(e.code).toBe(ErrorCode.ModelMalformed);
    expect(e.message).toMatch(/shard '\.\.\/\.\.\/etc\/passwd' is refused: it climbs out of the model's folder/);
  });

  it("refuses '/dev/zero' and '../../dev/zero' (no 9 GB read)", async () => {
    expect((await refusal(modelWithShard('/dev/zero'))).message).toMatch(/'\/dev\/zero' is refused: it is an absolute path/);
    expect((await refusal(modelWithShard('../../dev/zero'))).message).toMatch(/climbs out/);
  });

  it('refuses a symlink inside the folder that leads to /dev/zero or /etc/passwd', async () => {
    const zero = modelWithShard('zero.bin', (d) => symlinkSync('/dev/zero', path.join(d, 'zero.bin')));
    expect((await refusal(zero)).message).toMatch(/'zero\.bin' is refused: it leads outside the model's folder/);
    const passwd = modelWithShard('p.bin', (d) => symlinkSync('/etc/passwd', path.join(d, 'p.bin')));
    expect((await refusal(passwd)).message).toMatch(/leads outside/);
  });

  it('refuses a FIFO in the folder at once instead of hanging on it', async () => {
    const file = modelWithShard('fifo.bin', (d) => execFileSync('mkfifo', [path.join(d, 'fifo.bin')]));
    const e = await refusal(file);
    expect(e.message).toMatch(/'fifo\.bin' is refused: it is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a shard larger than the bytes its weights declare', async () => {
    const file = modelWithShard(SHARD, (d) => appendFileSync(path.join(d, SHARD), new Uint8Array(4096)));
    const e = await refusal(file);
    expect(e.message).toMatch(/shard 'group1-shard1of1\.bin' is refused: it is \d+ bytes, over the limit of \d+ \(its weights declare \d+ bytes\)/);
  });

  it('refuses a missing shard and a model.json that is itself a FIFO', async () => {
    expect((await refusal(modelWithShard('nope.bin'))).message).toMatch(/'nope\.bin' is refused: it does not exist/);
    const dir = path.join(root, 'fifo-json');
    mkdirSync(dir);
    execFileSync('mkfifo', [path.join(dir, 'model.json')]);
    const started = Date.now();
    await expect(importModel(path.join(dir, 'model.json'))).rejects.toThrow(/FIFO/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('also goes through importModel, the path compress uses (a folder holding model.json)', async () => {
    const file = modelWithShard('../../etc/passwd');
    await expect(importModel(path.dirname(file))).rejects.toThrow(/climbs out of the model's folder/);
  });

  it('model and dataset paths given directly get the same treatment: /dev/zero and a FIFO are refused at once', async () => {
    const dir = path.join(root, 'direct');
    mkdirSync(dir);
    execFileSync('mkfifo', [path.join(dir, 'data.csv')]);
    const started = Date.now();
    const e = await loadDataset(path.join(dir, 'data.csv')).then(() => undefined, (err: unknown) => err as TinyDeployError);
    expect(e?.code).toBe(ErrorCode.DatasetMalformed);
    expect(e?.message).toMatch(/Cannot read dataset ".*data\.csv": it is a FIFO \(named pipe\), not a regular file\./);
    await expect(importModel('/dev/zero')).rejects.toThrow(/Cannot read model "\/dev\/zero": it is a device, not a regular file/);
    await expect(importModel(path.join(dir, 'absent.tflite'))).rejects.toThrow(/it does not exist/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
