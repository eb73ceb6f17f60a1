import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../domain/pack-manifest';
import { memoryPackRepository } from './pack-db';
import {
  createLocalPackRecord,
  localPackId,
  normaliseLocalFiles,
  normaliseLocalMeta,
  slugify,
  sortLocalMetas,
  type LocalPackMeta,
} from './pack-record';
import { readPackZip, writePackZip } from './pack-zip';

/** A real pack: the headline shipped pack, read from public/models. */
const dir = join(import.meta.dirname, '..', '..', '..', 'public', 'models', 'aguaclara-honduras');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as PackManifest;
const files = Object.fromEntries(
  manifest.files.map((f) => [f.path, new Uint8Array(readFileSync(join(dir, f.path)))]),
);
const card = readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8');

/** Byte equality (vitest's deep equality walks large typed arrays element by element). */
const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

function record(now = 1000) {
  const r = createLocalPackRecord({ manifest, files, card, origin: 'imported' }, now);
  if (!r.ok) throw new Error(r.problem.code);
  return r.record;
}

describe('local pack records', () => {
  it('keeps the validated manifest, the listed files and their size', () => {
    const r = record(42);
    expect(r.meta.id).toBe('aguaclara-honduras');
    expect(r.meta.savedAt).toBe(42);
    expect(r.meta.createdAt).toBe(manifest.createdAt);
    expect(Object.keys(r.files.files).sort()).toEqual(manifest.files.map((f) => f.path).sort());
    expect(r.meta.bytes).toBe(manifest.files.reduce((s, f) => s + f.bytes, 0));
    expect(r.files.card).toBe(card);
  });

  it('refuses a manifest that fails the schema, an unknown version or a missing file', () => {
    const bad = createLocalPackRecord(
      { manifest: { ...manifest, id: 'Not An Id' }, files, card, origin: 'trained' },
      1,
    );
    expect(bad).toMatchObject({ ok: false, problem: { code: 'manifest-invalid' } });
    const future = createLocalPackRecord(
      {
        manifest: { ...manifest, schemaVersion: 2 } as unknown as PackManifest,
        files,
        card,
        origin: 'trained',
      },
      1,
    );
    expect(future).toMatchObject({ ok: false, problem: { code: 'unknown-schema-version' } });
    const { ['golden.json']: _golden, ...withoutGolden } = files;
    expect(
      createLocalPackRecord({ manifest, files: withoutGolden, card, origin: 'trained' }, 1),
    ).toEqual({ ok: false, problem: { code: 'missing-file', path: 'golden.json' } });
  });

  it('reads back only valid stored records', () => {
    const r = record();
    expect(normaliseLocalMeta(structuredClone(r.meta))).toEqual(r.meta);
    expect(normaliseLocalMeta({ ...r.meta, origin: 'stolen' })).toBeNull();
    expect(normaliseLocalMeta({ ...r.meta, id: 'other-id' })).toBeNull();
    expect(normaliseLocalMeta({ ...r.meta, manifest: { ...manifest, heads: {} } })).toBeNull();
    expect(normaliseLocalMeta('nope')).toBeNull();
    const withTraining = {
      ...r.meta,
      training: { datasetName: 'x.csv', seconds: 12.5, backend: 'wasm' },
    };
    expect(normaliseLocalMeta(withTraining)?.training).toEqual(withTraining.training);
    expect(normaliseLocalMeta({ ...r.meta, training: { seconds: 'a' } })?.training).toBeUndefined();
    expect(normaliseLocalFiles(r.files)?.files['golden.json']).toBeInstanceOf(Uint8Array);
    expect(normaliseLocalFiles({ id: 'x', files: { a: 'text' } })).toBeNull();
    expect(normaliseLocalFiles({ id: 'x', files: {} })).toEqual({ id: 'x', files: {}, card: '' });
  });

  it('sorts newest first', () => {
    const a = { id: 'a', savedAt: 1 } as LocalPackMeta;
    const b = { id: 'b', savedAt: 2 } as LocalPackMeta;
    expect(sortLocalMetas([a, b]).map((m) => m.id)).toEqual(['b', 'a']);
  });
});

describe('local pack ids', () => {
  it('slugifies titles to manifest-safe ids', () => {
    expect(slugify('Bocatoma – Planta Río Claro (2026)')).toBe('bocatoma-planta-rio-claro-2026');
    expect(slugify('¡¿?!')).toBe('');
    expect(slugify('a'.repeat(80))).toHaveLength(40);
  });

  it('stamps the local date and time to the second', () => {
    const id = localPackId('Bocatoma planta', new Date(2026, 11, 4, 15, 30, 12));
    expect(id).toBe('bocatoma-planta-20261204-153012');
    expect(localPackId('***', new Date(2026, 0, 2, 3, 4, 5))).toBe('modelo-20260102-030405');
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });
});

describe('memory pack repository', () => {
  it('stores, lists and deletes packs (structured clones, like IndexedDB)', async () => {
    const repo = memoryPackRepository();
    const r = record(5);
    await repo.put(r);
    const [meta] = await repo.listMeta();
    expect(meta?.id).toBe('aguaclara-honduras');
    const stored = await repo.getFiles('aguaclara-honduras');
    expect(same(stored?.files['golden.json'], files['golden.json'])).toBe(true);
    expect(stored?.files['golden.json']).not.toBe(files['golden.json']);
    await repo.delete('aguaclara-honduras');
    expect(await repo.listMeta()).toEqual([]);
    expect(await repo.getFiles('aguaclara-honduras')).toBeUndefined();
  });
});

describe('pack zip', () => {
  it('round-trips the manifest, every listed file and the model card', () => {
    const zip = writePackZip({ manifest, files, card });
    const read = readPackZip(zip);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.manifest).toEqual(manifest);
    expect(read.card).toBe(card);
    expect(Object.keys(read.files).sort()).toEqual(manifest.files.map((f) => f.path).sort());
    for (const f of manifest.files) expect(same(read.files[f.path], files[f.path])).toBe(true);
    // Same pack, same bytes.
    expect(same(writePackZip({ manifest, files, card }), zip)).toBe(true);
  });

  it('accepts the files inside one top-level folder, and ignores OS clutter', () => {
    const zip = zipSync({
      'pack/manifest.json': strToU8(JSON.stringify(manifest)),
      'pack/golden.json': files['golden.json'] as Uint8Array,
      '__MACOSX/pack/._golden.json': strToU8('junk'),
    });
    const read = readPackZip(zip);
    expect(read.ok && Object.keys(read.files)).toEqual(['golden.json']);
    expect(read.ok && read.card).toBeNull();
  });

  it('names what is wrong with an archive that is not a pack', () => {
    expect(readPackZip(strToU8('not a zip at all'))).toEqual({ ok: false, problem: 'not-a-zip' });
    expect(readPackZip(zipSync({ 'readme.txt': strToU8('hi') }))).toEqual({
      ok: false,
      problem: 'no-manifest',
    });
    expect(
      readPackZip(zipSync({ 'a/manifest.json': strToU8('{}'), 'b/x.bin': strToU8('x') })),
    ).toEqual({ ok: false, problem: 'no-manifest' });
    expect(readPackZip(zipSync({ 'manifest.json': strToU8('{not json') }))).toEqual({
      ok: false,
      problem: 'manifest-not-json',
    });
  });
});
