// One entry point for dataset files: picks the parser from the name (or the bytes' magic).
import path from 'node:path';
import { readInputFile } from '../safe-file.js';
import { datasetError, type Dataset } from './dataset.js';
import { parseCsv, type CsvOptions } from './csv.js';
import { parseNpy } from './npy.js';
import { parseNpz } from './npz.js';
import { datasetFromArrays, datasetFromNpz } from './arrays.js';

export interface LoadDatasetOptions extends CsvOptions {
  /** For a features-only .npy: the labels as a second .npy file's bytes. */
  labelsNpy?: Uint8Array;
}

/** Reads a dataset from bytes; `name` is the file name (its extension picks the format). */
export function parseDataset(bytes: Uint8Array, name: string, options: LoadDatasetOptions = {}): Dataset {
  const ext = path.extname(name).toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isNpy = bytes[0] === 0x93 && bytes[1] === 0x4e;
  if (ext === '.npz' || (ext !== '.npy' && isZip)) return datasetFromNpz(parseNpz(bytes, name), name);
  if (ext === '.npy' || isNpy) {
    if (!options.labelsNpy) {
      throw datasetError(`${name} holds only one array; a dataset needs features and labels.`,
        'Give the labels as a second .npy file, or save both with numpy.savez(file, x=features, y=labels).');
    }
    return datasetFromArrays(parseNpy(bytes, name), parseNpy(options.labelsNpy, `labels for ${name}`));
  }
  if (ext === '.csv' || ext === '.txt' || ext === '') {
    return parseCsv(new TextDecoder('utf-8').decode(bytes), { ...options, name });
  }
  throw datasetError(`${name}: datasets in '${ext}' files are not supported.`, 'Use a .csv file with a header, or a .npz with arrays x and y.');
}

export async function loadDataset(file: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const bytes = await readInputFile(file, 'dataset');
  return parseDataset(bytes, path.basename(file), options);
}
