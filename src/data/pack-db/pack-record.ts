/**
 * Model packs kept on this device (trained in the browser or imported from a zip): what is
 * stored, and the checks that turn whatever IndexedDB hands back (possibly written by an older
 * app, possibly corrupt) into trusted values. Pure: storage lives in pack-db.ts.
 *
 * A local pack is split in two records so the Models list can be drawn without reading any
 * weights:
 * - `LocalPackMeta`: id, title, dates, origin and the manifest itself (tens of KB; the list and
 *   the model card are drawn from it);
 * - `LocalPackFiles`: every file the manifest lists (weights, golden.json) and MODEL_CARD.md.
 */
import { checkManifest, type PackManifest } from '../../domain/pack-manifest';

export type LocalPackOrigin = 'trained' | 'imported';

export interface LocalPackMeta {
  id: string;
  title: { es: string; en: string };
  /** The manifest's createdAt (ISO): when the pack was trained, wherever that was. */
  createdAt: string;
  /** Epoch ms: when it was saved on this device. */
  savedAt: number;
  origin: LocalPackOrigin;
  /** Bytes of the pack's files (manifest excluded). */
  bytes: number;
  /** Validated manifest (re-validated on every read). */
  manifest: PackManifest;
  /** Trained here: the dataset it came from, the seconds it took and the TF.js backend. */
  training?: { datasetName: string; seconds: number; backend: string };
}

export interface LocalPackFiles {
  id: string;
  /** Every file the manifest lists, by relative path. */
  files: Record<string, Uint8Array>;
  /** MODEL_CARD.md. */
  card: string;
}

export interface LocalPackRecord {
  meta: LocalPackMeta;
  files: LocalPackFiles;
}

/** What the UI passes to save a pack; savedAt comes from the caller's clock. */
export interface NewLocalPack {
  manifest: PackManifest;
  files: Readonly<Record<string, Uint8Array>>;
  card: string;
  origin: LocalPackOrigin;
  training?: { datasetName: string; seconds: number; backend: string };
}

export type LocalPackProblem =
  | { code: 'manifest-invalid'; detail: string }
  | { code: 'unknown-schema-version'; detail: string }
  | { code: 'missing-file'; path: string };

/**
 * The record for a new pack, or why it cannot be saved: the manifest must pass the shared schema
 * (`checkManifest`) after a JSON round trip (what a reload would read back), and every file it
 * lists must be present. Checksums are the engine's job (`verifyPackFiles`).
 */
export function createLocalPackRecord(
  input: NewLocalPack,
  now: number,
): { ok: true; record: LocalPackRecord } | { ok: false; problem: LocalPackProblem } {
  const check = checkManifest(JSON.parse(JSON.stringify(input.manifest)) as unknown);
  if (!check.ok)
    return {
      ok: false,
      problem: {
        code:
          check.reason === 'unknown-schema-version' ? 'unknown-schema-version' : 'manifest-invalid',
        detail: check.detail,
      },
    };
  const manifest = check.manifest;
  const files: Record<string, Uint8Array> = {};
  let bytes = 0;
  for (const f of manifest.files) {
    const b = input.files[f.path];
    if (!b) return { ok: false, problem: { code: 'missing-file', path: f.path } };
    files[f.path] = b;
    bytes += b.byteLength;
  }
  const meta: LocalPackMeta = {
    id: manifest.id,
    title: manifest.title,
    createdAt: manifest.createdAt,
    savedAt: now,
    origin: input.origin,
    bytes,
    manifest,
    ...(input.training ? { training: { ...input.training } } : {}),
  };
  return { ok: true, record: { meta, files: { id: manifest.id, files, card: input.card } } };
}

// ---------------------------------------------------------------------------------------------
// Validation of stored values

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A stored meta record, or null when it is not one (it is then ignored). */
export function normaliseLocalMeta(raw: unknown): LocalPackMeta | null {
  if (!isObj(raw)) return null;
  const { id, savedAt, origin, bytes, training } = raw;
  if (typeof id !== 'string' || !isFiniteNumber(savedAt)) return null;
  if (origin !== 'trained' && origin !== 'imported') return null;
  const check = checkManifest(raw.manifest);
  if (!check.ok || check.manifest.id !== id) return null;
  const manifest = check.manifest;
  const meta: LocalPackMeta = {
    id,
    title: manifest.title,
    createdAt: manifest.createdAt,
    savedAt,
    origin,
    bytes: isFiniteNumber(bytes) ? bytes : 0,
    manifest,
  };
  if (
    isObj(training) &&
    typeof training.datasetName === 'string' &&
    isFiniteNumber(training.seconds) &&
    typeof training.backend === 'string'
  ) {
    meta.training = {
      datasetName: training.datasetName,
      seconds: training.seconds,
      backend: training.backend,
    };
  }
  return meta;
}

/** A stored files record, or null when it is malformed (any file not bytes). */
export function normaliseLocalFiles(raw: unknown): LocalPackFiles | null {
  if (!isObj(raw) || typeof raw.id !== 'string' || !isObj(raw.files)) return null;
  const files: Record<string, Uint8Array> = {};
  for (const [path, bytes] of Object.entries(raw.files)) {
    if (!(bytes instanceof Uint8Array)) return null;
    files[path] = bytes;
  }
  return { id: raw.id, files, card: typeof raw.card === 'string' ? raw.card : '' };
}

/** Newest first (the order of the Models list). */
export function sortLocalMetas(metas: readonly LocalPackMeta[]): LocalPackMeta[] {
  return [...metas].sort((a, b) => b.savedAt - a.savedAt || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------------------------
// Ids

/** Lower-case ASCII, digits and single hyphens, at most `max` characters ('' when nothing is left). */
export function slugify(text: string, max = 40): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Id for a pack trained on this device: the slug of its title and the local date and time to the
 * second (`bocatoma-planta-20261204-153012`), so a retrained pack never takes an older one's id.
 * Always a valid manifest id (`^[a-z0-9][a-z0-9-]*$`).
 */
export function localPackId(title: string, at: Date): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(
    at.getHours(),
  )}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const slug = slugify(title) || 'modelo';
  return `${slug}-${stamp}`;
}
