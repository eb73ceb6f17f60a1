import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryPackRepository } from '../data/pack-db/pack-db';
import type { PackManifest } from '../domain/pack-manifest';
import { loadEngine } from '../ml/engine/engine';
import type { GoldenFile } from '../ml/training/train-pack';
import { useAppStore } from './app-store';
import { setPackRepository } from './local-packs-slice';
import { DEFAULT_PACK_ID } from './pack-slice';
import { listAllPacks, localSourceKey, packSourceFor } from './pack-sources';

// The store persists settings through localStorage, which Node lacks: give it one before it loads.
vi.hoisted(() => {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  });
});

/** The shipped headline pack, saved on "this device" under a local id. */
const dir = join(import.meta.dirname, '..', '..', 'public', 'models', 'aguaclara-honduras');
const shipped = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as PackManifest;
const files = Object.fromEntries(
  shipped.files.map((f) => [f.path, new Uint8Array(readFileSync(join(dir, f.path)))]),
);
const LOCAL_ID = 'mi-planta-20261204-101500';
const manifest: PackManifest = { ...shipped, id: LOCAL_ID };

beforeEach(() => {
  setPackRepository(memoryPackRepository());
  useAppStore.setState({ localPacks: [], localPacksStatus: 'idle' });
});

describe('local packs in the store', () => {
  it('saves a valid pack, lists it and resolves its id to a local source', async () => {
    const saved = await useAppStore
      .getState()
      .saveLocalPack({ manifest, files, card: '# card', origin: 'trained' });
    expect(saved.ok).toBe(true);
    expect(useAppStore.getState().localPacks.map((m) => m.id)).toEqual([LOCAL_ID]);

    const source = await packSourceFor(LOCAL_ID);
    expect(source.key).toBe(localSourceKey(manifest));
    expect((await source.manifest(LOCAL_ID)).id).toBe(LOCAL_ID);
    const read = await source.files(manifest);
    expect(Object.keys(read).sort()).toEqual(Object.keys(files).sort());
    await expect(source.manifest('other')).rejects.toMatchObject({ code: 'pack-not-found' });
  });

  it('loads an engine from it that reproduces the pack’s golden rows', async () => {
    await useAppStore.getState().saveLocalPack({ manifest, files, card: '', origin: 'imported' });
    const engine = await loadEngine(LOCAL_ID, undefined, {
      source: await packSourceFor(LOCAL_ID),
      backend: 'cpu',
    });
    const golden = JSON.parse(new TextDecoder().decode(files['golden.json'])) as GoldenFile;
    const row = golden.rows[0];
    if (!row) throw new Error('no golden rows');
    const rows = await engine.predictBatch([row.inputs]);
    expect(rows[0]?.dose).toBeCloseTo(row.dose.value, 4);
  });

  it('refuses an invalid pack and keeps nothing', async () => {
    const { ['golden.json']: _g, ...partial } = files;
    const r = await useAppStore
      .getState()
      .saveLocalPack({ manifest, files: partial, card: '', origin: 'imported' });
    expect(r).toEqual({ ok: false, problem: { code: 'missing-file', path: 'golden.json' } });
    expect(useAppStore.getState().localPacks).toEqual([]);
  });

  it('deleting the active local pack hands Operate back the default pack', async () => {
    await useAppStore.getState().saveLocalPack({ manifest, files, card: '', origin: 'trained' });
    useAppStore.getState().setActivePack(LOCAL_ID);
    await useAppStore.getState().deleteLocalPack(LOCAL_ID);
    expect(useAppStore.getState().activePackId).toBe(DEFAULT_PACK_ID);
    expect(useAppStore.getState().localPacks).toEqual([]);
  });

  it('lists local packs even when the shipped list cannot be read (no server in Node)', async () => {
    await expect(listAllPacks()).rejects.toBeDefined();
    await useAppStore.getState().saveLocalPack({ manifest, files, card: '', origin: 'trained' });
    expect(await listAllPacks()).toEqual([
      { id: LOCAL_ID, title: manifest.title, createdAt: manifest.createdAt, source: 'local' },
    ]);
  });
});
