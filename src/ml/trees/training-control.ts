/**
 * Progress and cancellation hooks shared by the tree learners.
 *
 * Why a thrown AbortError rather than a partial result: a cancel button in the training
 * Web Worker means "discard", and the name matches what fetch/AbortController use, so one
 * catch clause can handle both.
 */
export interface TrainingCallbacks {
  /** Called after each tree with (trees done, trees planned). */
  onProgress?: (treesDone: number, total: number) => void;
  /** Polled before each tree; returning true aborts training with an AbortError. */
  shouldStop?: () => boolean;
}

export function createAbortError(message = 'training aborted'): Error {
  const err = new Error(message);
  err.name = 'AbortError';
  return err;
}

export function throwIfStopped(callbacks: TrainingCallbacks, treesDone: number): void {
  if (callbacks.shouldStop?.()) {
    throw createAbortError(`training aborted after ${treesDone} trees`);
  }
}
