// The compress job's own process (browser mode): tfjs training and calibration run here, never on the server's
// event loop, so the UI stays live and Cancel can end the work at once (the parent kills this process).
import { toErrorDto } from '../api/index.js';
import { runCompressWork, type CompressWorkerInput } from './compress-run.js';

process.once('message', (input: CompressWorkerInput) => {
  runCompressWork(input, (event) => process.send?.({ type: 'progress', event })).then(
    (result) => { process.send?.({ type: 'done', ...result }, () => process.disconnect?.()); },
    (err: unknown) => { process.send?.({ type: 'error', error: toErrorDto(err) }, () => process.disconnect?.()); },
  );
});
