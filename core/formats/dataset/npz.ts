// NumPy .npz archives (numpy.savez / savez_compressed): a zip of .npy files, one per named array.
import { readZip, ZipProblem } from '../archive.js';
import { datasetError } from './dataset.js';
import { parseNpy, type NpyArray } from './npy.js';

/** Every array of the archive by its name (the entry name without '.npy'). */
export function parseNpz(bytes: Uint8Array, name = 'the .npz file'): Record<string, NpyArray> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = readZip(bytes, (entry) => entry.endsWith('.npy'));
  } catch (cause) {
    if (!(cause instanceof ZipProblem)) throw cause;
    throw datasetError(`${name} is not a valid .npz (zip) archive: ${cause.message}.`,
      'Save the arrays with numpy.savez or numpy.savez_compressed; a file that declares gigabytes is not a TinyML dataset.');
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
