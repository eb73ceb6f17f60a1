import { checkManifest, type PackManifest } from '../../domain/pack-manifest';
import type { LoadErrorCode, PackSummary } from './engine-api';

/**
 * Where packs come from: the site's own `models/` folder (shipped packs, fetched relative to the
 * Vite base URL so the build works under any sub-path) or memory (packs kept in IndexedDB, or
 * trained in the browser). No TF.js here.
 */

/** A load failure as a code the UI translates; `detail` is for logs and the developer console. */
export class PackLoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'PackLoadError';
  }
}

export interface ByteProgress {
  loaded: number;
  total: number;
}

export interface PackSource {
  /** Identifies the source in the engine cache ('shipped', 'local', …). */
  readonly key: string;
  listPacks(): Promise<PackSummary[]>;
  /** The validated manifest; PackLoadError on a missing pack, bad JSON or schema. */
  manifest(packId: string): Promise<PackManifest>;
  /** Every file the manifest lists (not verified here), by relative path. */
  files(
    manifest: PackManifest,
    onBytes?: (p: ByteProgress) => void,
  ): Promise<Record<string, Uint8Array>>;
}

/** Validate an untrusted manifest (parsed JSON) and map failures to load codes. */
export function parseManifest(raw: unknown, expectedId?: string): PackManifest {
  const check = checkManifest(raw);
  if (!check.ok)
    throw new PackLoadError(
      check.reason === 'unknown-schema-version' ? 'unknown-schema-version' : 'manifest-invalid',
      check.detail,
    );
  if (expectedId !== undefined && check.manifest.id !== expectedId)
    throw new PackLoadError(
      'manifest-invalid',
      `manifest id ${check.manifest.id} is not ${expectedId}`,
    );
  return check.manifest;
}

interface IndexEntry {
  id: string;
  title: { es: string; en: string };
  createdAt: string;
  manifest: string;
}

function parseIndex(raw: unknown): IndexEntry[] {
  const packs = (raw as { packs?: unknown } | null)?.packs;
  if (!Array.isArray(packs)) throw new PackLoadError('manifest-invalid', 'index.json has no packs');
  return packs.filter(
    (p): p is IndexEntry =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as IndexEntry).id === 'string' &&
      typeof (p as IndexEntry).manifest === 'string' &&
      typeof (p as IndexEntry).title?.es === 'string' &&
      typeof (p as IndexEntry).title?.en === 'string',
  );
}

/** `import.meta.env.BASE_URL + 'models/'`, absolute against the page when there is one. */
export function defaultModelsUrl(): string {
  const base = `${import.meta.env.BASE_URL}models/`;
  const here = (globalThis as { location?: { href?: string } }).location?.href;
  return here ? new URL(base, here).href : base;
}

type Fetch = typeof fetch;

async function get(fetchImpl: Fetch, url: string, notFound: LoadErrorCode): Promise<Response> {
  let res: Response;
  try {
    res = await fetchImpl(url);
  } catch (e) {
    throw new PackLoadError('network', `${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (res.status === 404) throw new PackLoadError(notFound, `${url}: HTTP 404`);
  if (!res.ok) throw new PackLoadError('network', `${url}: HTTP ${res.status}`);
  return res;
}

async function getJson(fetchImpl: Fetch, url: string, notFound: LoadErrorCode): Promise<unknown> {
  const res = await get(fetchImpl, url, notFound);
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new PackLoadError('network', `${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PackLoadError('manifest-invalid', `${url}: not JSON`);
  }
}

/** Read a response body, reporting each chunk; falls back to arrayBuffer() without streams. */
async function readBody(res: Response, onChunk: (bytes: number) => void): Promise<Uint8Array> {
  const reader = res.body?.getReader();
  if (!reader) {
    const buf = new Uint8Array(await res.arrayBuffer());
    onChunk(buf.byteLength);
    return buf;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    onChunk(value.byteLength);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/**
 * Shipped packs over HTTP: `<modelsUrl>index.json`, `<modelsUrl><id>/manifest.json`, and every
 * file the manifest lists under `<modelsUrl><id>/`. A listed file that is missing (404) is an
 * integrity failure: the manifest promised it.
 */
export function httpPackSource(
  modelsUrl: string = defaultModelsUrl(),
  fetchImpl: Fetch = (...args) => fetch(...args),
): PackSource {
  const base = modelsUrl.endsWith('/') ? modelsUrl : `${modelsUrl}/`;
  let index: Promise<IndexEntry[]> | undefined;
  const readIndex = () => {
    const p = (index ??= getJson(fetchImpl, `${base}index.json`, 'pack-not-found').then(
      parseIndex,
    ));
    p.catch(() => {
      if (index === p) index = undefined;
    });
    return p;
  };
  return {
    key: `http:${base}`,
    async listPacks() {
      return (await readIndex()).map((p) => ({
        id: p.id,
        title: p.title,
        createdAt: p.createdAt,
        source: 'shipped' as const,
      }));
    },
    async manifest(packId) {
      const entry = (await readIndex()).find((p) => p.id === packId);
      if (!entry) throw new PackLoadError('pack-not-found', `${packId} is not in index.json`);
      return parseManifest(
        await getJson(fetchImpl, `${base}${entry.manifest}`, 'pack-not-found'),
        packId,
      );
    },
    async files(manifest, onBytes) {
      const entry = (await readIndex()).find((p) => p.id === manifest.id);
      const dir = entry
        ? entry.manifest.slice(0, entry.manifest.lastIndexOf('/') + 1)
        : `${manifest.id}/`;
      const total = manifest.files.reduce((s, f) => s + f.bytes, 0);
      let loaded = 0;
      onBytes?.({ loaded, total });
      const entries = await Promise.all(
        manifest.files.map(async (f) => {
          const url = `${base}${dir}${f.path}`;
          const res = await get(fetchImpl, url, 'integrity-failed');
          let bytes: Uint8Array;
          try {
            bytes = await readBody(res, (b) => {
              loaded += b;
              onBytes?.({ loaded: Math.min(loaded, total), total });
            });
          } catch (e) {
            throw new PackLoadError(
              'network',
              `${url}: ${e instanceof Error ? e.message : String(e)}`,
            );
          }
          return [f.path, bytes] as const;
        }),
      );
      return Object.fromEntries(entries);
    },
  };
}

export interface MemoryPack {
  /** Parsed manifest JSON (validated on load, like a fetched one). */
  manifest: unknown;
  /** Every file the manifest lists, by relative path. */
  files: Readonly<Record<string, Uint8Array>>;
}

/** Packs held in memory (IndexedDB, in-browser training): same checks as shipped packs. */
export function memoryPackSource(packs: readonly MemoryPack[], key = 'local'): PackSource {
  const byId = new Map<string, MemoryPack>();
  for (const p of packs) {
    const id = (p.manifest as { id?: unknown } | null)?.id;
    if (typeof id === 'string') byId.set(id, p);
  }
  return {
    key,
    async listPacks() {
      const out: PackSummary[] = [];
      for (const [id, p] of byId) {
        const m = p.manifest as Partial<PackManifest>;
        if (m.title && typeof m.createdAt === 'string')
          out.push({ id, title: m.title, createdAt: m.createdAt, source: 'local' });
      }
      return out;
    },
    async manifest(packId) {
      const p = byId.get(packId);
      if (!p) throw new PackLoadError('pack-not-found', `${packId} is not in ${key}`);
      return parseManifest(p.manifest, packId);
    },
    async files(manifest, onBytes) {
      const p = byId.get(manifest.id);
      if (!p) throw new PackLoadError('pack-not-found', `${manifest.id} is not in ${key}`);
      const total = manifest.files.reduce((s, f) => s + f.bytes, 0);
      onBytes?.({ loaded: total, total });
      return { ...p.files };
    },
  };
}
