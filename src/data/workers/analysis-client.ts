/**
 * The page's handle on the analysis functions. Calls go to a module Web Worker
 * (analysis.worker.ts, started on the first call) and resolve with its results; where workers
 * are unavailable (Node, tests, an old browser), cannot start, or the worker crashes, the same
 * functions run on the calling thread instead, so the explorer works either way. An error thrown
 * by an analysis function itself (bad input) is passed on, never retried.
 *
 * Tables go to the worker once (analysis-cache.ts): the first call that passes a table (or
 * `preload`) sends its columns in slices, later calls refer to them by id.
 */
import { transfer, wrap, type Remote } from 'comlink';
import type { DataTable } from '../data-table';
import { ANALYSIS_METHODS, analysisApi } from './analysis-api';
import { ArrayCache, MISSING_ARRAY, type ArrayCacheOptions } from './analysis-cache';
import type { AnalysisMethod, AsyncAnalysisApi, WorkerAnalysisApi } from './analysis-protocol';

export interface AnalysisClientOptions {
  /** How to start the worker; return undefined for "no worker here". For tests. */
  createWorker?: () => Worker | undefined;
  /** Sizes for the worker's copy of the tables (defaults suit the app; tests use small ones). */
  cache?: ArrayCacheOptions;
}

export interface AnalysisClient extends AsyncAnalysisApi {
  /** Where calls run now ('worker' until the first call fails to start one). */
  readonly mode: 'worker' | 'main-thread';
  /**
   * Sends the table's columns to the worker now (if not there yet), so the first analysis of a
   * newly opened or cleaned table does not wait for them. Never rejects; nothing to do without
   * a worker.
   */
  preload(table: DataTable): Promise<void>;
  /** Stops the worker; later calls start a new one. */
  terminate(): void;
}

function defaultWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
}

interface Handle {
  worker: Worker;
  remote: Remote<WorkerAnalysisApi>;
  /** Rejects when the worker reports an uncaught error (comlink calls would hang forever). */
  crashed: Promise<never>;
  readonly dead: boolean;
}

type AnyFn = (...args: unknown[]) => unknown;
type AsyncFn = (...args: unknown[]) => Promise<unknown>;

export function createAnalysisClient(options: AnalysisClientOptions = {}): AnalysisClient {
  let handle: Handle | undefined;
  let noWorker = false;
  const cache = new ArrayCache(options.cache);

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
    const remote = wrap<WorkerAnalysisApi>(w);
    const h: Handle = {
      worker: w,
      remote,
      crashed,
      get dead() {
        return state.dead;
      },
    };
    h.crashed.catch(() => undefined);
    handle = h;
    cache.attach({
      put: (pieces, buffers) => remote.putArrays(transfer(pieces, buffers)),
      release: (ids) => remote.releaseArrays(ids),
    });
    return h;
  }

  /** One call in the worker: what it lacks of the arguments' tables first, then references. */
  async function inWorker(
    h: Handle,
    name: AnalysisMethod,
    args: unknown[],
    resend = false,
  ): Promise<unknown> {
    const encoded = cache.encode(args);
    if (resend) cache.unhold(encoded.arrays.keys());
    await cache.ensure(encoded.arrays);
    const remoteFn = h.remote[name] as unknown as AsyncFn;
    return cache.decode(await remoteFn(...encoded.args), encoded.arrays);
  }

  async function call(name: AnalysisMethod, args: unknown[]): Promise<unknown> {
    const h = start();
    if (h) {
      try {
        try {
          return await Promise.race([inWorker(h, name, args), h.crashed]);
        } catch (e) {
          if (h.dead || !(e instanceof Error) || !e.message.startsWith(MISSING_ARRAY)) throw e;
          // The worker lost an array of this call (a concurrent call released it): send again.
          return await Promise.race([inWorker(h, name, args, true), h.crashed]);
        }
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
    async preload(table: DataTable): Promise<void> {
      const h = start();
      if (!h) return;
      const { arrays } = cache.encode([table]);
      await Promise.race([cache.ensure(arrays), h.crashed]).catch(() => undefined);
    },
    terminate(): void {
      handle?.worker.terminate();
      handle = undefined;
      cache.detach();
    },
  };
  // Assign onto `client` (not from it) so `mode` stays a live getter.
  return Object.assign(client, methods);
}
