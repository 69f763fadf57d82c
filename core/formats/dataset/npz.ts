// NumPy .npz archives (numpy.savez / savez_compressed): a zip of .npy files, one per named array.
import { unzipSync } from 'fflate';
import { datasetError } from './dataset.js';
import { parseNpy, type NpyArray } from './npy.js';

/** Every array of the archive by its name (the entry name without '.npy'). */
export function parseNpz(bytes: Uint8Array, name = 'the .npz file'): Record<string, NpyArray> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (cause) {
    throw datasetError(`${name} is not a valid .npz (zip) archive: ${(cause as Error).message}.`,
      'Save the arrays with numpy.savez or numpy.savez_compressed.');
  }
  const out: Record<string, NpyArray> = {};
  for (const [entry, data] of Object.entries(entries)) {
    if (!entry.endsWith('.npy')) continue;
    const key = entry.slice(0, -4);
    out[key] = parseNpy(data, `${name}:${entry}`);
  }
  if (Object.keys(out).length === 0) {
    throw datasetError(`${name} holds no .npy arrays.`, 'Save the arrays with numpy.savez(file, x=features, y=labels).');
  }
  return out;
}
