import * as tf from '@tensorflow/tfjs-core';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { BACKEND_TIMEOUT_MS } from './thresholds';

/**
 * TF.js backend selection. This module imports TF.js core, so only the heavy half of the engine
 * (pack-engine.ts, the batch worker) imports it, and engine.ts loads that half with `import()`:
 * the first screen never waits for TF.js. Each backend is itself a separate dynamic import, so only
 * the one chosen is downloaded. Order: WASM (binaries shipped with the site through `?url` imports,
 * never a CDN; single-threaded, since the threaded build breaks in a minified bundle), then WebGL,
 * then CPU, each behind a timeout because `setBackend` can hang instead of rejecting.
 * TF.js has one backend per JavaScript realm: the first successful choice holds for the page
 * (or worker); a later call asking for another backend switches it.
 */
export type BackendName = 'wasm' | 'webgl' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

export class BackendUnavailableError extends Error {
  constructor(readonly tried: { backend: BackendName; error: string }[]) {
    super(
      `No TF.js backend could start: ${tried.map((t) => `${t.backend}: ${t.error}`).join('; ')}`,
    );
    this.name = 'BackendUnavailableError';
  }
}

export function isBackendName(v: unknown): v is BackendName {
  return v === 'wasm' || v === 'webgl' || v === 'cpu';
}

/** `?backend=cpu|wasm|webgl` in the page (or worker) URL forces a backend, for tests and benches. */
export function backendFromUrl(): BackendName | undefined {
  const search = (globalThis as { location?: { search?: string } }).location?.search;
  if (!search) return undefined;
  const v = new URLSearchParams(search).get('backend');
  return isBackendName(v) ? v : undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function registerBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The flag is registered by the import above; it must be false before setBackend('wasm').
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      // Never fetched (threads are off); pointing at the SIMD build keeps any CDN out.
      'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
    });
  } else if (name === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
  } else {
    await import('@tensorflow/tfjs-backend-cpu');
  }
}

async function tryBackend(name: BackendName, timeoutMs: number): Promise<void> {
  await withTimeout(
    (async () => {
      await registerBackend(name);
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error('setBackend returned false');
      await tf.ready();
      // Warm-up: one tiny op compiles the first kernels (shaders on WebGL) and proves it runs.
      const t = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
      const v = (await t.data())[0];
      t.dispose();
      if (v !== 2) throw new Error(`warm-up op gave ${String(v)}`);
    })(),
    timeoutMs,
    `setBackend('${name}')`,
  );
}

let active: Promise<BackendName> | undefined;
let activeName: BackendName | undefined;
let requested: BackendName | 'auto' | undefined;

export interface BackendOptions {
  /** Force one backend (no fallback); default: `?backend=` in the URL, else automatic. */
  backend?: BackendName | 'auto';
  timeoutMs?: number;
}

/**
 * Start TF.js on the best backend (or the forced one) once per realm and return its name.
 * A forced backend that fails rejects with BackendUnavailableError (no silent fallback); the
 * automatic order falls through WASM → WebGL → CPU. A failed start is not cached.
 */
export function initBackend(options: BackendOptions = {}): Promise<BackendName> {
  const want = options.backend ?? backendFromUrl() ?? 'auto';
  if (active && (requested === want || (want === 'auto' && activeName !== undefined)))
    return active;
  requested = want;
  const timeoutMs = options.timeoutMs ?? BACKEND_TIMEOUT_MS;
  const order = want === 'auto' ? BACKEND_ORDER : [want];
  const attempt = (async () => {
    const tried: { backend: BackendName; error: string }[] = [];
    for (const name of order) {
      try {
        await tryBackend(name, timeoutMs);
        activeName = name;
        return name;
      } catch (e) {
        tried.push({ backend: name, error: e instanceof Error ? e.message : String(e) });
      }
    }
    throw new BackendUnavailableError(tried);
  })();
  active = attempt;
  attempt.catch(() => {
    if (active === attempt) {
      active = undefined;
      activeName = undefined;
      requested = undefined;
    }
  });
  return attempt;
}

/** The backend TF.js runs on, once initBackend has resolved; undefined before. */
export function activeBackend(): BackendName | undefined {
  return activeName;
}
