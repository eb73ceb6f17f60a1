import type { Engine, LoadProgress, PackSummary } from './engine-api';
import {
  httpPackSource,
  memoryPackSource,
  PackLoadError,
  type MemoryPack,
  type PackSource,
} from './pack-source';
import type { BackendName } from './tf-backend';

/**
 * The engine's entry point. This module is light: it does not import TF.js. `loadEngine`
 * imports the heavy half (pack-engine.ts: TF.js core + layers, the trees) on first use, so the
 * app's first screen never waits for it.
 *
 *   const engine = await loadEngine('aguaclara-honduras', (p) => setProgress(p.fraction));
 *   const result = await engine.predict(record, recentReports);
 *
 * Errors: loadEngine rejects with PackLoadError, whose `code` is a LoadErrorCode; explain,
 * whatIf and reverse reject with EngineInputError (its `issues`) for a record predict would refuse.
 */
export { PackLoadError } from './pack-source';
export { EngineInputError } from './validate';
/** Every warning threshold, for the UI to show next to a message (see thresholds.ts). */
export * as engineThresholds from './thresholds';
export type { MemoryPack, PackSource } from './pack-source';
export type { BackendName } from './tf-backend';

export interface LoadEngineOptions {
  /** Default: the site's shipped packs (`<BASE_URL>models/`). */
  source?: PackSource;
  /** Force a TF.js backend (tests, benches); default `?backend=` in the URL, else automatic. */
  backend?: BackendName | 'auto';
}

interface CacheEntry {
  promise: Promise<Engine>;
  listeners: Set<(p: LoadProgress) => void>;
  last: LoadProgress | undefined;
  engine?: Engine & { dispose(): void };
}

let shipped: PackSource | undefined;
/** The shipped-pack source (one per page, so index.json is fetched once). */
export function shippedPacks(): PackSource {
  shipped ??= httpPackSource();
  return shipped;
}

const cache = new Map<string, CacheEntry>();
const cacheKey = (source: PackSource, packId: string) => `${source.key}\u0000${packId}`;

/**
 * The engine for one pack, memoised per (source, pack id): every caller gets the same engine and,
 * while it loads, the same progress. A failed load is not cached, so calling again retries.
 */
export function loadEngine(
  packId: string,
  onProgress?: (p: LoadProgress) => void,
  options: LoadEngineOptions = {},
): Promise<Engine> {
  const source = options.source ?? shippedPacks();
  const key = cacheKey(source, packId);
  const hit = cache.get(key);
  if (hit) {
    if (onProgress) {
      if (hit.last) onProgress(hit.last);
      hit.listeners.add(onProgress);
      void hit.promise.then(
        () => hit.listeners.delete(onProgress),
        () => hit.listeners.delete(onProgress),
      );
    }
    return hit.promise;
  }
  const entry: CacheEntry = {
    listeners: new Set(onProgress ? [onProgress] : []),
    last: undefined,
    promise: undefined as unknown as Promise<Engine>,
  };
  const emit = (p: LoadProgress) => {
    entry.last = p;
    for (const l of entry.listeners) l(p);
  };
  entry.promise = (async () => {
    try {
      const { createEngine } = await import('./pack-engine');
      const engine = await createEngine(packId, source, {
        onProgress: emit,
        ...(options.backend ? { backend: options.backend } : {}),
      });
      entry.engine = engine;
      return engine;
    } catch (e) {
      cache.delete(key);
      throw e instanceof PackLoadError
        ? e
        : new PackLoadError('network', e instanceof Error ? e.message : String(e));
    } finally {
      entry.listeners.clear();
    }
  })();
  cache.set(key, entry);
  return entry.promise;
}

/** Load a pack held in memory (IndexedDB, in-browser training): same checks as a shipped one. */
export function loadEngineFromMemory(
  pack: MemoryPack,
  onProgress?: (p: LoadProgress) => void,
  options: Omit<LoadEngineOptions, 'source'> = {},
): Promise<Engine> {
  const m = pack.manifest as { id?: unknown; createdAt?: unknown } | null;
  const id = typeof m?.id === 'string' ? m.id : '';
  // Keyed by creation time too: a retrained local pack with the same id is a different engine.
  const key = `local:${typeof m?.createdAt === 'string' ? m.createdAt : ''}`;
  return loadEngine(id, onProgress, { ...options, source: memoryPackSource([pack], key) });
}

/** Drop a loaded engine and free its tensors and worker (e.g. when the operator switches pack). */
export async function unloadEngine(
  packId: string,
  source: PackSource = shippedPacks(),
): Promise<void> {
  const key = cacheKey(source, packId);
  const entry = cache.get(key);
  if (!entry) return;
  cache.delete(key);
  try {
    await entry.promise;
  } catch {
    return;
  }
  entry.engine?.dispose();
}

/** Packs the site ships (index.json). Rejects with PackLoadError ('network', 'pack-not-found'). */
export function listPacks(source: PackSource = shippedPacks()): Promise<PackSummary[]> {
  return source.listPacks();
}
