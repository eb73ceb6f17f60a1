/**
 * The page's handle on the analysis functions. Calls go to a module Web Worker
 * (analysis.worker.ts, started on the first call) and resolve with its results; where workers
 * are unavailable (Node, tests, an old browser), cannot start, or the worker crashes, the same
 * functions run on the calling thread instead, so the explorer works either way. An error thrown
 * by an analysis function itself (bad input) is passed on, never retried.
 */
import { wrap, type Remote } from 'comlink';
import { ANALYSIS_METHODS, analysisApi } from './analysis-api';
import type { AnalysisApi, AnalysisMethod, AsyncAnalysisApi } from './analysis-protocol';

export interface AnalysisClientOptions {
  /** How to start the worker; return undefined for "no worker here". For tests. */
  createWorker?: () => Worker | undefined;
}

export interface AnalysisClient extends AsyncAnalysisApi {
  /** Where calls run now ('worker' until the first call fails to start one). */
  readonly mode: 'worker' | 'main-thread';
  /** Stops the worker; later calls start a new one. */
  terminate(): void;
}

function defaultWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
}

interface Handle {
  worker: Worker;
  remote: Remote<AnalysisApi>;
  /** Rejects when the worker reports an uncaught error (comlink calls would hang forever). */
  crashed: Promise<never>;
  readonly dead: boolean;
}

type AnyFn = (...args: unknown[]) => unknown;
type AsyncFn = (...args: unknown[]) => Promise<unknown>;

export function createAnalysisClient(options: AnalysisClientOptions = {}): AnalysisClient {
  let handle: Handle | undefined;
  let noWorker = false;

  function start(): Handle | undefined {
    if (noWorker) return undefined;
    if (handle && !handle.dead) return handle;
    let worker: Worker | undefined;
    try {
      worker = (options.createWorker ?? defaultWorker)();
    } catch {
      worker = undefined;
    }
    if (!worker) {
      noWorker = true;
      return undefined;
    }
    const w = worker;
    const state = { dead: false };
    const crashed = new Promise<never>((_, reject) => {
      const fail = (why: string) => {
        state.dead = true;
        w.terminate();
        // A worker that crashes is not trusted again: the rest runs on this thread.
        noWorker = true;
        reject(new Error(`analysis worker: ${why}`));
      };
      w.addEventListener('error', (e) => fail(e.message || 'error'));
      w.addEventListener('messageerror', () => fail('message error'));
    });
    const h: Handle = {
      worker: w,
      remote: wrap<AnalysisApi>(w),
      crashed,
      get dead() {
        return state.dead;
      },
    };
    h.crashed.catch(() => undefined);
    handle = h;
    return h;
  }

  async function call(name: AnalysisMethod, args: unknown[]): Promise<unknown> {
    const h = start();
    if (h) {
      try {
        const remoteFn = h.remote[name] as unknown as AsyncFn;
        return await Promise.race([remoteFn(...args), h.crashed]);
      } catch (e) {
        if (!h.dead) throw e; // the analysis itself failed: report it
      }
    }
    // Main thread: yield once so the caller's state updates render before the work starts.
    await Promise.resolve();
    return (analysisApi[name] as AnyFn)(...args);
  }

  const methods = Object.fromEntries(
    ANALYSIS_METHODS.map((name) => [name, (...args: unknown[]) => call(name, args)]),
  ) as unknown as AsyncAnalysisApi;

  const client = {
    get mode(): 'worker' | 'main-thread' {
      return noWorker ? 'main-thread' : 'worker';
    },
    terminate(): void {
      handle?.worker.terminate();
      handle = undefined;
    },
  };
  // Assign onto `client` (not from it) so `mode` stays a live getter.
  return Object.assign(client, methods);
}
