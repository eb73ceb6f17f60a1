import type { LocalPackMeta, LocalPackFiles } from '../data/pack-db/pack-record';
import type { PackSummary } from '../ml/engine/engine-api';
import type { PackSource } from '../ml/engine/pack-source';
import { useAppStore } from './app-store';

/**
 * Where a pack id comes from, for every screen that loads an engine (Operate, batch prediction,
 * the Models area): a pack kept on this device (IndexedDB, `src/data/pack-db/`) or a pack the site
 * ships (`<BASE_URL>models/`). Local ids are never shipped ids (they carry a timestamp, and the
 * importer refuses a shipped id), so the lookup order does not matter in practice.
 *
 *   const source = await packSourceFor(packId);
 *   const engine = await loadEngine(packId, onProgress, { source });
 *
 * The engine module is imported on demand, as Operate does, so nothing here adds TF.js (or the
 * manifest schema) to the first screen.
 */

/** Engine cache key of a local pack: the same as `loadEngineFromMemory` uses for it. */
export function localSourceKey(meta: Pick<LocalPackMeta, 'createdAt'>): string {
  return `local:${meta.createdAt}`;
}

/** An engine pack source for one local pack: manifest from the list, files read on demand. */
export async function localPackSource(
  meta: LocalPackMeta,
  readFiles: (id: string) => Promise<LocalPackFiles | undefined> = (id) =>
    useAppStore.getState().openLocalPackFiles(id),
): Promise<PackSource> {
  const { PackLoadError } = await import('../ml/engine/pack-source');
  const summary: PackSummary = {
    id: meta.id,
    title: meta.title,
    createdAt: meta.createdAt,
    source: 'local',
  };
  return {
    key: localSourceKey(meta),
    async listPacks() {
      return [summary];
    },
    async manifest(packId) {
      if (packId !== meta.id)
        throw new PackLoadError('pack-not-found', `${packId} is not local pack ${meta.id}`);
      return meta.manifest;
    },
    async files(manifest, onBytes) {
      const stored = await readFiles(manifest.id);
      if (!stored) throw new PackLoadError('pack-not-found', `${manifest.id}: files not stored`);
      const total = manifest.files.reduce((s, f) => s + f.bytes, 0);
      onBytes?.({ loaded: total, total });
      return { ...stored.files };
    },
  };
}

/** The local pack with this id, once the list is read; undefined for a shipped (or unknown) id. */
export async function localPackMeta(packId: string): Promise<LocalPackMeta | undefined> {
  await useAppStore.getState().loadLocalPacks();
  return useAppStore.getState().localPacks.find((m) => m.id === packId);
}

/** The source to load `packId` from: this device's packs first, else the shipped packs. */
export async function packSourceFor(packId: string): Promise<PackSource> {
  const meta = await localPackMeta(packId);
  if (meta) return localPackSource(meta);
  const { shippedPacks } = await import('../ml/engine/engine');
  return shippedPacks();
}

/**
 * Every pack the app can use: shipped ones (index.json) then local ones, newest first. Rejects
 * only when the shipped list cannot be read and there is no local pack to offer instead.
 */
export async function listAllPacks(): Promise<PackSummary[]> {
  await useAppStore.getState().loadLocalPacks();
  const local: PackSummary[] = useAppStore.getState().localPacks.map((m) => ({
    id: m.id,
    title: m.title,
    createdAt: m.createdAt,
    source: 'local' as const,
  }));
  const { listPacks } = await import('../ml/engine/engine');
  try {
    return [...(await listPacks()), ...local];
  } catch (e) {
    if (local.length === 0) throw e;
    return local;
  }
}

/** Free a local pack's loaded engine (tensors, batch workers), e.g. before deleting it. */
export async function unloadLocalEngine(meta: LocalPackMeta): Promise<void> {
  const [{ unloadEngine }, source] = await Promise.all([
    import('../ml/engine/engine'),
    localPackSource(meta),
  ]);
  await unloadEngine(meta.id, source);
}
