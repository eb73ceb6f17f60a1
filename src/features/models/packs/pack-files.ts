import type { PackManifest } from '../../../domain/pack-manifest';
import { modelCard } from '../../../ml/training/model-card';
import { useAppStore } from '../../../store/app-store';
import { downloadBytes } from '../lib/download';
import { engineModule } from '../lib/engine-module';
import type { PackEntry } from './use-packs';

/** MODEL_CARD.md of a pack: the stored one (local), the served one (shipped), else regenerated. */
export async function packCardText(entry: PackEntry): Promise<string> {
  if (entry.local) {
    const stored = await useAppStore.getState().openLocalPackFiles(entry.id);
    if (stored?.card) return stored.card;
  } else {
    const res = await fetch(`${import.meta.env.BASE_URL}models/${entry.id}/MODEL_CARD.md`);
    if (res.ok) return res.text();
  }
  if (!entry.manifest) throw new Error(`${entry.id}: no manifest`);
  return modelCard(entry.manifest);
}

/** Every file of a pack (the manifest's list), from IndexedDB or from the site. */
async function packFiles(
  entry: PackEntry,
  manifest: PackManifest,
): Promise<Record<string, Uint8Array>> {
  if (entry.local) {
    const stored = await useAppStore.getState().openLocalPackFiles(entry.id);
    if (!stored) throw new Error(`${entry.id}: files not stored`);
    return stored.files;
  }
  return (await engineModule()).shippedPacks().files(manifest);
}

/** Download a pack as `<id>.zip`: the layout of public/models/<id>/ (see pack-zip.ts). */
export async function exportPack(entry: PackEntry): Promise<void> {
  const manifest = entry.manifest;
  if (!manifest) throw new Error(`${entry.id}: no manifest`);
  const [{ writePackZip, packZipName }, files, card] = await Promise.all([
    import('../../../data/pack-db/pack-zip'),
    packFiles(entry, manifest),
    packCardText(entry),
  ]);
  downloadBytes(
    writePackZip({ manifest, files, card }),
    packZipName(manifest.id),
    'application/zip',
  );
}
