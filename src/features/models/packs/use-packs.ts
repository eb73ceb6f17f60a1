import { useEffect, useState } from 'react';
import type { LocalPackMeta } from '../../../data/pack-db/pack-record';
import type { PackManifest } from '../../../domain/pack-manifest';
import { useAppStore } from '../../../store/app-store';
import { engineModule } from '../lib/engine-module';

/** One row of the Models list: a shipped pack or one kept on this device. */
export interface PackEntry {
  id: string;
  title: { es: string; en: string };
  createdAt: string;
  source: 'shipped' | 'local';
  /** For local packs. */
  local?: LocalPackMeta;
  /** Null while loading, or when it could not be read (`failed`). */
  manifest: PackManifest | null;
  failed?: boolean;
}

interface ShippedPack {
  id: string;
  title: { es: string; en: string };
  createdAt: string;
  manifest: PackManifest | null;
}

let shipped: Promise<ShippedPack[]> | undefined;

/** The shipped packs and their manifests (index.json + one small JSON each), read once a page. */
export function loadShippedPacks(): Promise<ShippedPack[]> {
  const p = (shipped ??= (async () => {
    const m = await engineModule();
    const list = await m.listPacks();
    return Promise.all(
      list.map(async (s) => ({
        id: s.id,
        title: s.title,
        createdAt: s.createdAt,
        manifest: await m
          .shippedPacks()
          .manifest(s.id)
          .catch(() => null),
      })),
    );
  })());
  p.catch(() => {
    if (shipped === p) shipped = undefined;
  });
  return p;
}

export type ListStatus = 'loading' | 'ready' | 'error';

/** Shipped packs first (as index.json lists them), then this device's, newest first. */
export function usePacks(): { entries: PackEntry[]; shipped: ListStatus; local: ListStatus } {
  const localPacks = useAppStore((s) => s.localPacks);
  const localStatus = useAppStore((s) => s.localPacksStatus);
  const loadLocalPacks = useAppStore((s) => s.loadLocalPacks);
  const [ship, setShip] = useState<{ status: ListStatus; packs: ShippedPack[] }>({
    status: 'loading',
    packs: [],
  });

  useEffect(() => {
    let live = true;
    void loadLocalPacks();
    loadShippedPacks().then(
      (packs) => {
        if (live) setShip({ status: 'ready', packs });
      },
      () => {
        if (live) setShip({ status: 'error', packs: [] });
      },
    );
    return () => {
      live = false;
    };
  }, [loadLocalPacks]);

  const entries: PackEntry[] = [
    ...ship.packs.map((p) => ({
      id: p.id,
      title: p.title,
      createdAt: p.createdAt,
      source: 'shipped' as const,
      manifest: p.manifest,
      failed: p.manifest === null,
    })),
    ...localPacks.map((m) => ({
      id: m.id,
      title: m.title,
      createdAt: m.createdAt,
      source: 'local' as const,
      local: m,
      manifest: m.manifest,
    })),
  ];
  return {
    entries,
    shipped: ship.status,
    local: localStatus === 'error' ? 'error' : localStatus === 'ready' ? 'ready' : 'loading',
  };
}
