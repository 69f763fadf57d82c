// Picks the tfjs backend: tfjs-node when installed, else wasm, else cpu; callers report which one ran.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

let nodeTried = false;

async function tryNodeBackend(): Promise<boolean> {
  if (!nodeTried) {
    nodeTried = true;
    const name = '@tensorflow/tfjs-node';
    try { await import(name); } catch { /* optional dependency: absent here, present on some users' machines */ }
  }
  return tf.findBackendFactory('tensorflow') !== null && tf.findBackendFactory('tensorflow') !== undefined;
}

/**
 * Selects and initialises the fastest usable backend and returns its name. wasm has no Conv2D gradient kernels,
 * but training builds convolutions from pad/slice/matMul (tf-conv.ts), so CNNs train on wasm too.
 */
export async function useBestBackend(): Promise<TfBackendName> {
  if (await tryNodeBackend()) {
    if (await tf.setBackend('tensorflow')) return 'tensorflow';
  }
  try {
    if (await tf.setBackend('wasm')) return 'wasm';
  } catch { /* the wasm binary failed to load: fall back to plain JavaScript */ }
  await tf.setBackend('cpu');
  return 'cpu';
}

/** The backend currently in use, as reported to students. */
export function currentBackend(): string {
  return tf.getBackend();
}
