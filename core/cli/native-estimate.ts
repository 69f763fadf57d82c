// `tinydeploy native <float model> --estimate`: what the int8 model would take (flash, RAM, which boards it fits)
// when no dataset is at hand. Quantized on uniform random inputs, so every figure is labelled an estimate:
// sizes and the memory plan do not depend on calibration values, accuracy does and is not measured.
import { BOARDS, type BoardSpec } from '../boards/index.js';
import { generateNativeModel, type MemoryReport } from '../codegen/index.js';
import { quantizeInt8 } from '../compress/index.js';
import { expandHybridWeights, type LoadedModel } from '../formats/index.js';
import { elementCount } from '../model/index.js';
import { mulberry32 } from '../model/random.js';
import { shellPath } from './model-advice.js';

export const ESTIMATE_LABEL = 'estimate, accuracy not measured';
const CALIBRATION_ROWS = 32;

export interface BoardFit { board: string; id: string; fits: boolean; ramBytes: number; ramLimit: number; flashBytes: number; flashLimit: number }

export interface NativeEstimate {
  /** "estimate, accuracy not measured" for a float or hybrid model; "exact" for an int8 one. */
  label: string;
  model: string;
  detected: string;
  /** How the int8 model was obtained: "quantized on 32 rows of uniform random input" or "already int8". */
  method: string;
  /** RAM the model needs on the board: the activation buffer (plus element-wise constants on AVR, listed per board). */
  activationBytes: number;
  /** Flash the model needs: int8 weights plus requantization constants. */
  flashBytes: number;
  memory: MemoryReport;
  /** The model's own share against each board's sketch limits (the sketch's own code and RAM come on top). */
  boards: BoardFit[];
}

/** Uniform inputs in [-1, 1) for input 0: enough to size every tensor, not to say anything about accuracy. */
function randomCalibration(loaded: LoadedModel): { features: Float32Array; rows: number } {
  const input = loaded.graph.tensors[loaded.graph.inputs[0]!]!;
  const perRow = elementCount(input.shape.slice(1));
  const rng = mulberry32(1);
  const features = new Float32Array(perRow * CALIBRATION_ROWS);
  for (let i = 0; i < features.length; i++) features[i] = rng() * 2 - 1;
  return { features, rows: CALIBRATION_ROWS };
}

function fit(board: BoardSpec, memory: MemoryReport): BoardFit {
  const ramBytes = memory.ramBytes + (board.arch === 'avr' ? memory.avrExtraRamBytes : 0);
  const flashBytes = memory.weightBytes + memory.constantBytes;
  return {
    board: board.name, id: board.id, ramBytes, ramLimit: board.ramBytes, flashBytes, flashLimit: board.flashBytes,
    fits: ramBytes <= board.ramBytes && flashBytes <= board.flashBytes,
  };
}

export async function estimateNative(loaded: LoadedModel): Promise<NativeEstimate> {
  let int8 = loaded.graph;
  let method = 'already int8: figures are exact';
  if (loaded.precision !== 'int8') {
    const float = loaded.precision === 'hybrid' ? expandHybridWeights(loaded.graph) : loaded.graph;
    const q = await quantizeInt8(float, randomCalibration(loaded), { calibrator: 'minmax', io: 'int8' });
    int8 = q.graph;
    method = `quantized to int8 on ${CALIBRATION_ROWS} rows of uniform random input (no dataset)`;
  }
  const { report } = generateNativeModel(int8, { prefix: 'model' });
  return {
    label: loaded.precision === 'int8' ? 'exact' : ESTIMATE_LABEL,
    model: loaded.file, detected: loaded.description, method,
    activationBytes: report.ramBytes, flashBytes: report.weightBytes + report.constantBytes, memory: report,
    boards: BOARDS.filter((b) => !b.simulated).map((b) => fit(b, report)),
  };
}

const kb = (n: number): string => (n < 10_240 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

/** The text form: every figure carries the label, so no line can be quoted as a measurement. */
export function formatEstimate(e: NativeEstimate): string {
  const tag = `(${e.label})`;
  return [
    `${e.model}: ${e.detected}`,
    `int8 model ${e.method}`,
    `RAM for activations: ${e.activationBytes} B ${tag}`,
    `flash for weights and constants: ${e.flashBytes} B ${tag}`,
    'fit of the model alone (the sketch\'s own code and RAM come on top):',
    ...e.boards.map((b) => `  ${b.fits ? 'fits   ' : 'too big'}  ${b.board}: RAM ${kb(b.ramBytes)} of ${kb(b.ramLimit)}, flash ${kb(b.flashBytes)} of ${kb(b.flashLimit)} ${tag}`),
    ...(e.label === 'exact' ? [] : [`accuracy: not measured; for the real int8 model and its accuracy: tinydeploy compress ${shellPath(e.model)} --data <your data> --out <dir> --quantize int8`]),
  ].join('\n');
}
