// Placeholder until the .tflite reader lands: inspect needs it.
import { ErrorCode, TinyDeployError } from '../api/index.js';

export async function inspectCommand(_args: string[]): Promise<number> {
  throw new TinyDeployError(ErrorCode.Internal, 'inspect is not built yet.');
}
