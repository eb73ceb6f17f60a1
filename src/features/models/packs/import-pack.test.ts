import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writePackZip } from '../../../data/pack-db/pack-zip';
import type { PackManifest } from '../../../domain/pack-manifest';
import { verifyPackFiles } from '../../../ml/engine/loaded-pack';
import { checkPackZip, type ImportContext } from './import-pack';

/** The shipped headline pack, exported under a local id as the Models area would. */
const dir = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'public',
  'models',
  'aguaclara-honduras',
);
const shipped = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as PackManifest;
const files = Object.fromEntries(
  shipped.files.map((f) => [f.path, new Uint8Array(readFileSync(join(dir, f.path)))]),
);
const manifest: PackManifest = { ...shipped, id: 'mi-planta-20261204-101500' };
const zip = writePackZip({ manifest, files, card: '# card' });

const ctx: ImportContext = {
  shippedIds: ['aguaclara-honduras', 'aguaclara-honduras-prev-dose'],
  local: [],
  verify: verifyPackFiles,
};

/** The same zip with one byte of one member file flipped. */
function tampered(path: string): Uint8Array {
  const entries = unzipSync(zip);
  const bytes = new Uint8Array(entries[path] as Uint8Array);
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0x01;
  return zipSync({ ...entries, [path]: bytes });
}

describe('checkPackZip', () => {
  it('accepts an exported pack and returns exactly its listed files and card', async () => {
    const r = await checkPackZip(zip, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.manifest.id).toBe(manifest.id);
    expect(r.pack.origin).toBe('imported');
    expect(r.pack.card).toBe('# card');
    expect(Object.keys(r.pack.files).sort()).toEqual(manifest.files.map((f) => f.path).sort());
  });

  it('rejects a tampered weight file, naming it', async () => {
    // Any weight file the manifest lists (which members ship depends on the stacking weights).
    const path = manifest.files.find((f) => f.path.endsWith('.bin'))?.path ?? '';
    expect(path).not.toBe('');
    expect(await checkPackZip(tampered(path), ctx)).toEqual({
      ok: false,
      problem: { code: 'sha256-mismatch', path },
    });
  });

  it('rejects a missing file and a truncated one', async () => {
    const entries = unzipSync(zip);
    const { ['golden.json']: golden, ...rest } = entries;
    expect(await checkPackZip(zipSync(rest), ctx)).toEqual({
      ok: false,
      problem: { code: 'missing-file', path: 'golden.json' },
    });
    const short = zipSync({ ...entries, 'golden.json': (golden as Uint8Array).subarray(1) });
    expect(await checkPackZip(short, ctx)).toEqual({
      ok: false,
      problem: { code: 'size-mismatch', path: 'golden.json' },
    });
  });

  it('rejects an edited manifest, another schema version, and archives that are no pack', async () => {
    const entries = unzipSync(zip);
    const edit = (m: unknown) =>
      zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(m)) });
    expect(await checkPackZip(edit({ ...manifest, heads: {} }), ctx)).toMatchObject({
      ok: false,
      problem: { code: 'manifest-invalid' },
    });
    expect(await checkPackZip(edit({ ...manifest, schemaVersion: 9 }), ctx)).toMatchObject({
      ok: false,
      problem: { code: 'unknown-schema-version' },
    });
    expect(await checkPackZip(strToU8('hello'), ctx)).toEqual({
      ok: false,
      problem: { code: 'not-a-zip' },
    });
  });

  it('refuses a shipped id, and an id already used on this device', async () => {
    const asShipped = writePackZip({ manifest: shipped, files, card: '' });
    expect(await checkPackZip(asShipped, ctx)).toEqual({
      ok: false,
      problem: { code: 'shipped-id', id: 'aguaclara-honduras' },
    });
    const same = { ...ctx, local: [{ id: manifest.id, createdAt: manifest.createdAt }] };
    expect(await checkPackZip(zip, same)).toEqual({
      ok: false,
      problem: { code: 'already-installed', id: manifest.id },
    });
    const other = { ...ctx, local: [{ id: manifest.id, createdAt: '2020-01-01T00:00:00.000Z' }] };
    expect(await checkPackZip(zip, other)).toEqual({
      ok: false,
      problem: { code: 'id-taken', id: manifest.id },
    });
  });
});
