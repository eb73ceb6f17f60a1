import type { LocalPackMeta, NewLocalPack } from '../../../data/pack-db/pack-record';
import { readPackZip } from '../../../data/pack-db/pack-zip';
import { checkManifest, type PackManifest } from '../../../domain/pack-manifest';
import { modelCard } from '../../../ml/training/model-card';

/**
 * Importing a pack zip: everything is checked before anything is saved. The archive must hold a
 * manifest that passes the shared schema, every file it lists with the size and sha256 it
 * declares (the engine's `verifyPackFiles`), and an id that is neither a shipped pack's nor
 * another local pack's. A tampered file is named in the message, and nothing is kept.
 */
export type ImportProblem =
  | { code: 'not-a-zip' | 'too-large' | 'no-manifest' | 'manifest-not-json' }
  | { code: 'manifest-invalid' | 'unknown-schema-version'; detail: string }
  | { code: 'missing-file' | 'sha256-mismatch' | 'size-mismatch'; path: string }
  | { code: 'shipped-id' | 'already-installed' | 'id-taken'; id: string };

export type ImportProblemCode = ImportProblem['code'];

export type ImportCheck = { ok: true; pack: NewLocalPack } | { ok: false; problem: ImportProblem };

export interface ImportContext {
  /** Ids of the packs the site ships. */
  shippedIds: readonly string[];
  /** Packs already on this device. */
  local: readonly Pick<LocalPackMeta, 'id' | 'createdAt'>[];
  /** The engine's checksum check: throws an error with `reason` and `path` on the first bad file. */
  verify: (manifest: PackManifest, files: Readonly<Record<string, Uint8Array>>) => Promise<void>;
}

const INTEGRITY = ['missing-file', 'sha256-mismatch', 'size-mismatch'] as const;

function integrityProblem(e: unknown): ImportProblem | null {
  const { reason, path } = (e ?? {}) as { reason?: unknown; path?: unknown };
  return typeof path === 'string' && (INTEGRITY as readonly unknown[]).includes(reason)
    ? { code: reason as (typeof INTEGRITY)[number], path }
    : null;
}

export async function checkPackZip(bytes: Uint8Array, ctx: ImportContext): Promise<ImportCheck> {
  const zip = readPackZip(bytes);
  if (!zip.ok) return { ok: false, problem: { code: zip.problem } };
  const check = checkManifest(zip.manifest);
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
  if (ctx.shippedIds.includes(manifest.id))
    return { ok: false, problem: { code: 'shipped-id', id: manifest.id } };
  const existing = ctx.local.find((m) => m.id === manifest.id);
  if (existing)
    return {
      ok: false,
      problem: {
        code: existing.createdAt === manifest.createdAt ? 'already-installed' : 'id-taken',
        id: manifest.id,
      },
    };
  try {
    await ctx.verify(manifest, zip.files);
  } catch (e) {
    const problem = integrityProblem(e);
    if (problem) return { ok: false, problem };
    throw e;
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const files = Object.fromEntries(Object.entries(zip.files).filter(([p]) => listed.has(p)));
  return {
    ok: true,
    pack: { manifest, files, card: zip.card ?? modelCard(manifest), origin: 'imported' },
  };
}
