import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * TF.js in Node without tfjs-node (it downloads a binary, which this network forbids):
 * the WASM backend, single-threaded (threads are off in Node), measured 4× faster than CPU.
 */
export async function initNodeBackend(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  if (preferred === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(
      require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
    );
    setWasmPaths(`${join(dist)}/`);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return tf.getBackend();
    }
  }
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
