import { proxy, wrap } from 'comlink';
import type { TrainingMapping } from '../../../domain/training-mapping';
import { abortError } from '../members/member-learner';
import type { SourceColumn } from '../mapped-dataset';
import type { TrainProgressCallback, TrainResponse, TrainWorkerApi } from './train-protocol';

/**
 * Page-side entry to in-browser training. Trains in a module worker; aborting `signal`
 * terminates the worker at once and rejects with an AbortError (nothing was saved). Without
 * Worker (tests), the same code runs on this thread and the signal is polled between fits.
 */
export async function trainPackInWorker(
  columns: SourceColumn[],
  mapping: TrainingMapping,
  onProgress: TrainProgressCallback,
  signal?: AbortSignal,
): Promise<TrainResponse> {
  if (signal?.aborted) throw abortError();
  let worker: Worker | null = null;
  if (typeof Worker !== 'undefined') {
    try {
      worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      worker = null;
    }
  }
  if (!worker) {
    const { runTraining } = await import('./train-worker-api');
    return runTraining(columns, mapping, onProgress, () => signal?.aborted === true);
  }
  const running = worker;
  const api = wrap<TrainWorkerApi>(running);
  return new Promise<TrainResponse>((resolve, reject) => {
    const onAbort = () => {
      running.terminate();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    api
      .train(columns, mapping, proxy(onProgress))
      .then(resolve, reject)
      .finally(() => {
        signal?.removeEventListener('abort', onAbort);
        running.terminate();
      });
  });
}
