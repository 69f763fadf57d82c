// What to tell a student whose model is not int8 where an int8 model is needed (native, and later deploy):
// what the file is, and the exact command that quantizes it, or sizes it when no dataset is at hand.
import { ErrorCode, TinyDeployError } from '../api/index.js';
import type { LoadedModel } from '../formats/index.js';

/** A path as it must be typed in a shell: quoted when it holds anything beyond letters, digits and ./_-+,:@ */
export function shellPath(file: string): string {
  return /^[\w./+,:@-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}

export function int8Required(command: string, file: string, loaded: LoadedModel): TinyDeployError {
  const what = loaded.precision === 'hybrid'
    ? 'its weights are int8 but its activations float32, which neither the native backend nor TFLite Micro runs'
    : 'the native backend (like TFLite Micro) runs int8 models only';
  const typed = shellPath(file);
  return new TinyDeployError(ErrorCode.ModelUnsupportedType, `${command}: ${file} is a ${loaded.description}; ${what}`, {
    advice: `Quantize it to int8 with your data: tinydeploy compress ${typed} --data <your data.csv|.npz> --out <dir> --quantize int8 ` +
      `(no data at hand? tinydeploy native ${typed} --estimate gives RAM, flash and board fit, without accuracy)`,
  });
}
