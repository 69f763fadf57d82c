// CSV datasets as students export them: a header, numeric feature columns and one label column.
import { ErrorCode } from '../../api/index.js';
import { checkElements } from '../../model/index.js';
import { datasetError, type Dataset } from './dataset.js';

export interface CsvOptions {
  /** The label column's header name; default 'label' (else 'target', 'class', 'y', then the last column). */
  labelColumn?: string;
  /** The file name, for error messages. */
  name?: string;
}

const DEFAULT_LABELS = ['label', 'target', 'class', 'y'];

/** Splits one CSV line into cells; double quotes may wrap a cell and "" inside quotes is a literal quote. */
export function splitCsvLine(line: string, lineNo: number, file: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') { quoted = true; cell = ''; }
    else if (c === ',') { cells.push(cell.trim()); cell = ''; }
    else cell += c;
  }
  if (quoted) throw datasetError(`${file} line ${lineNo}: a quoted cell is not closed.`, 'Close the quote or remove it; cells may not span lines.');
  cells.push(cell.trim());
  return cells;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** A cell's number; NaN for text, for "NaN"/"Infinity", and for values float32 cannot hold (they would become ±Inf). */
function parseNumber(cell: string): number {
  if (cell === '') return NaN;
  const v = Number(cell);
  return v >= -FLOAT32_MAX && v <= FLOAT32_MAX ? v : NaN;
}

/** Parses CSV text into a Dataset; every problem names the file, the line and the column. */
export function parseCsv(text: string, options: CsvOptions = {}): Dataset {
  const file = options.name ?? 'the CSV file';
  // The text, its lines and one double per cell: about 8 bytes per character at worst.
  checkElements(`${file} (${text.length} characters)`, text.length, 8,
    { code: ErrorCode.DatasetMalformed, advice: 'Use a smaller CSV file (a sample of the rows), or a .npz file.' });
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIdx = lines.findIndex((l) => l.trim() !== '');
  if (headerIdx < 0) throw datasetError(`${file} is empty.`, 'Export the data with a header row and one row per sample.');
  if (text.includes('\u0000')) throw datasetError(`${file} is not a text file (it holds NUL bytes).`, 'Choose a .csv file exported as plain text.');
  const header = splitCsvLine(lines[headerIdx] ?? '', headerIdx + 1, file);
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') throw datasetError(`${file} line ${headerIdx + 1}: column ${i + 1} has no name.`, 'Give every column a name in the header row.');
    if (seen.has(h)) throw datasetError(`${file} line ${headerIdx + 1}: column name "${h}" appears twice.`, 'Give every column a distinct name.');
    seen.add(h);
  });
  const labelCol = chooseLabelColumn(header, options.labelColumn, file, headerIdx + 1);
  if (header.length < 2) throw datasetError(`${file} has only the label column "${header[labelCol]}".`, 'Add at least one feature column.');
  const featureCols = header.map((_, i) => i).filter((i) => i !== labelCol);

  const features: number[] = [];
  const rawLabels: string[] = [];
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line, i + 1, file);
    if (cells.length !== header.length) {
      throw datasetError(`${file} line ${i + 1}: ${cells.length} cells, but the header has ${header.length} columns.`,
        'Every row needs one value per column; look for a missing or extra comma on that line.');
    }
    for (const c of featureCols) {
      const v = parseNumber(cells[c] ?? '');
      if (!Number.isFinite(v)) {
        throw datasetError(`${file} line ${i + 1}, column "${header[c]}": "${cells[c]}" is not a number.`,
          'Feature columns must hold finite numbers within float32 range; encode text as numbers, impute missing values or drop the column.');
      }
      features.push(v);
    }
    rawLabels.push(cells[labelCol] ?? '');
  }
  if (rawLabels.length === 0) throw datasetError(`${file} has a header but no data rows.`, 'Export the samples below the header row.');
  const { labels, classNames } = encodeLabels(rawLabels, file);
  return {
    features: Float32Array.from(features),
    labels,
    rows: rawLabels.length,
    featureShape: [featureCols.length],
    featureNames: featureCols.map((c) => header[c] ?? ''),
    labelName: header[labelCol] ?? 'label',
    ...(classNames ? { classNames } : {}),
  };
}

function chooseLabelColumn(header: string[], wanted: string | undefined, file: string, lineNo: number): number {
  if (wanted !== undefined) {
    const i = header.indexOf(wanted);
    if (i < 0) {
      throw datasetError(`${file} line ${lineNo}: there is no label column "${wanted}" (columns: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''}).`,
        'Name the label column as it is written in the header row.');
    }
    return i;
  }
  for (const name of DEFAULT_LABELS) {
    const i = header.findIndex((h) => h.toLowerCase() === name);
    if (i >= 0) return i;
  }
  return header.length - 1;
}

/** Numeric labels stay numbers; text labels become class indices in sorted order of their names. */
function encodeLabels(raw: string[], file: string): { labels: Float32Array; classNames?: string[] } {
  const bad = raw.findIndex((r) => /^[+-]?(nan|inf|infinity)$/i.test(r) || Math.abs(Number(r)) > FLOAT32_MAX);
  if (bad >= 0) {
    throw datasetError(`${file}: data row ${bad + 1} has the label "${raw[bad]}", which is not a finite float32 number.`,
      'Labels must be class names or finite numbers; drop or fix the rows with missing or infinite labels.');
  }
  const nums = raw.map(parseNumber);
  if (nums.every((v) => Number.isFinite(v))) return { labels: Float32Array.from(nums) };
  const empty = raw.findIndex((r) => r === '');
  if (empty >= 0) throw datasetError(`${file}: data row ${empty + 1} has an empty label.`, 'Every row needs a label.');
  const classNames = [...new Set(raw)].sort();
  const index = new Map(classNames.map((c, i) => [c, i]));
  return { labels: Float32Array.from(raw.map((r) => index.get(r) ?? 0)), classNames };
}
