import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { PackManifest } from '../../domain/pack-manifest';

/**
 * A model pack as one zip file, laid out exactly as a deployment serves it under
 * `public/models/<id>/`: `manifest.json`, `MODEL_CARD.md`, `golden.json` and the member files
 * (`members/…`) at the root of the archive. Extracting `<id>.zip` into `public/models/<id>/` (most
 * unzip tools make that folder from the file name) and regenerating `public/models/index.json`
 * ships it (README, "Models area").
 *
 * Reading accepts the same layout, or the same files inside one top-level folder (what some tools
 * produce when a folder is zipped). Checksums are not checked here: the importer runs the
 * engine's `verifyPackFiles` on what this returns.
 */
export const MANIFEST_FILE = 'manifest.json';
export const CARD_FILE = 'MODEL_CARD.md';
/** Refuse archives that would unpack to more than this (a pack is a few MB). */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

export function packZipName(packId: string): string {
  return `${packId}.zip`;
}

/** The zip of a pack. `mtime` is the pack's creation time, so the same pack zips to the same bytes. */
export function writePackZip(pack: {
  manifest: PackManifest;
  files: Readonly<Record<string, Uint8Array>>;
  card: string;
}): Uint8Array {
  const mtime = new Date(pack.manifest.createdAt);
  const entries: Zippable = {
    [MANIFEST_FILE]: [strToU8(`${JSON.stringify(pack.manifest, null, 1)}\n`), { mtime }],
    [CARD_FILE]: [strToU8(pack.card), { mtime }],
  };
  for (const f of pack.manifest.files) {
    const bytes = pack.files[f.path];
    if (!bytes) throw new Error(`pack file ${f.path} is missing`);
    // Weights barely compress; storing them keeps export fast on a tablet.
    entries[f.path] = [bytes, { mtime, level: f.path.endsWith('.bin') ? 0 : 6 }];
  }
  return zipSync(entries);
}

export type PackZipProblem = 'not-a-zip' | 'too-large' | 'no-manifest' | 'manifest-not-json';

export type PackZipContents =
  | {
      ok: true;
      /** Parsed manifest.json, not yet validated. */
      manifest: unknown;
      /** Every other file by path relative to the manifest (MODEL_CARD.md excluded). */
      files: Record<string, Uint8Array>;
      /** MODEL_CARD.md, or null when the archive has none. */
      card: string | null;
    }
  | { ok: false; problem: PackZipProblem };

const IGNORED = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

export function readPackZip(bytes: Uint8Array): PackZipContents {
  let entries: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new RangeError('too large');
        return !file.name.endsWith('/') && !IGNORED.test(file.name);
      },
    });
  } catch (e) {
    return { ok: false, problem: e instanceof RangeError ? 'too-large' : 'not-a-zip' };
  }
  const names = Object.keys(entries);
  let prefix = '';
  if (!(MANIFEST_FILE in entries)) {
    const nested = names.filter((n) => n.endsWith(`/${MANIFEST_FILE}`));
    const candidate = nested.length === 1 ? (nested[0] as string) : undefined;
    const folder = candidate?.slice(0, -MANIFEST_FILE.length);
    if (!folder || folder.slice(0, -1).includes('/') || !names.every((n) => n.startsWith(folder)))
      return { ok: false, problem: 'no-manifest' };
    prefix = folder;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(strFromU8(entries[`${prefix}${MANIFEST_FILE}`] as Uint8Array));
  } catch {
    return { ok: false, problem: 'manifest-not-json' };
  }
  const files: Record<string, Uint8Array> = {};
  let card: string | null = null;
  for (const name of names) {
    const path = name.slice(prefix.length);
    const data = entries[name] as Uint8Array;
    if (path === MANIFEST_FILE) continue;
    if (path === CARD_FILE) card = strFromU8(data);
    else files[path] = data;
  }
  return { ok: true, manifest, files, card };
}
