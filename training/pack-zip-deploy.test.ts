import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { writePackZip } from '../src/data/pack-db/pack-zip';
import type { PackManifest } from '../src/domain/pack-manifest';
import { loadEngine } from '../src/ml/engine/engine';
import { httpPackSource } from '../src/ml/engine/pack-source';
import type { GoldenFile } from '../src/ml/training/train-pack';
import { updatePackIndex } from './pack-index';

/**
 * A pack exported from the Models area as <id>.zip works when extracted into public/models/<id>/
 * of a deployment and the index is regenerated (README, "Models area"): the site's own HTTP pack
 * source lists it, verifies it and predicts its golden rows.
 */
const shippedDir = join(import.meta.dirname, '..', 'public', 'models', 'aguaclara-honduras');
const shipped = JSON.parse(readFileSync(join(shippedDir, 'manifest.json'), 'utf8')) as PackManifest;
const files = Object.fromEntries(
  shipped.files.map((f) => [f.path, new Uint8Array(readFileSync(join(shippedDir, f.path)))]),
);
const ID = 'planta-local-20261204-101500';
const site = mkdtempSync(join(tmpdir(), 'dosis-deploy-'));

afterAll(() => rmSync(site, { recursive: true, force: true }));

describe('an exported pack zip dropped into public/models/<id>/', () => {
  it('is listed, verified and predicts its golden rows through the site’s pack source', async () => {
    const zip = writePackZip({ manifest: { ...shipped, id: ID }, files, card: '# card\n' });
    const models = join(site, 'models');
    for (const [path, bytes] of Object.entries(unzipSync(zip))) {
      mkdirSync(dirname(join(models, ID, path)), { recursive: true });
      writeFileSync(join(models, ID, path), bytes);
    }
    updatePackIndex(models);

    const fetchFromDisk = (async (url: string | URL | Request) => {
      const path = join(models, String(url).replace('http://site/models/', ''));
      try {
        return new Response(readFileSync(path));
      } catch {
        return new Response('', { status: 404 });
      }
    }) as typeof fetch;
    const source = httpPackSource('http://site/models/', fetchFromDisk);
    expect((await source.listPacks()).map((p) => p.id)).toEqual([ID]);

    const engine = await loadEngine(ID, undefined, { source, backend: 'cpu' });
    const golden = JSON.parse(new TextDecoder().decode(files['golden.json'])) as GoldenFile;
    const rows = golden.rows.slice(0, 20);
    const out = await engine.predictBatch(rows.map((r) => r.inputs));
    out.forEach((row, i) => expect(row.dose).toBeCloseTo(rows[i]?.dose.value as number, 4));
  });
});
