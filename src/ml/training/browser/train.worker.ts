import { expose, transfer } from 'comlink';
import { runTraining } from './train-worker-api';
import type { TrainWorkerApi } from './train-protocol';

/** Worker entry: trains a pack off the main thread; the pack's file buffers are transferred back. */
const api: TrainWorkerApi = {
  async train(columns, mapping, onProgress) {
    const response = await runTraining(columns, mapping, onProgress);
    if (!response.ok) return response;
    const buffers = Object.values(response.pack.files).map((b) => b.buffer as ArrayBuffer);
    return transfer(response, buffers);
  },
};

expose(api);
