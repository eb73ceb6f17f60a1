import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkManifest, type PackManifest } from '../src/domain/pack-manifest';
import { loadPack, predictHead, PackIntegrityError } from '../src/ml/engine/loaded-pack';
import type { GoldenFile } from '../src/ml/training/train-pack';

/**
 * The committed packs are part of the product: each must validate against the shared schema,
 * match its sha256 list, and reproduce its golden.json from the shipped weights in Node.
 */
const modelsDir = join(import.meta.dirname, '..', 'public', 'models');
const index = JSON.parse(readFileSync(join(modelsDir, 'index.json'), 'utf8')) as {
  packs: { id: string; manifest: string }[];
};

function readPackFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

/** |a − b| ≤ 1e-5 absolute or 1e-4 relative: float32 weights, CPU here vs WASM in the trainer. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-5 || Math.abs(a - b) <= 1e-4 * Math.abs(b);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(index.packs)('shipped pack $id', ({ id, manifest: manifestPath }) => {
  const dir = join(modelsDir, id);
  const raw: unknown = JSON.parse(readFileSync(join(modelsDir, manifestPath), 'utf8'));
  const files = readPackFiles(dir);
  delete files['manifest.json'];

  it('validates against the shared manifest schema', () => {
    const check = checkManifest(raw);
    expect(check.ok, check.ok ? '' : check.detail).toBe(true);
  });

  it('beats the bar it claims: every metric is finite and the test set is the last 20 %', () => {
    const m = raw as PackManifest;
    const all = m.heads.dose.metrics.filter((r) => r.scope === 'all');
    expect(all.map((r) => r.model)).toContain('baseline: persistence');
    for (const r of all) expect(Number.isFinite(r.mae)).toBe(true);
    expect(m.split.testStart > m.dataSource.firstDate).toBe(true);
  });

  it('reproduces golden.json from the shipped weights', async () => {
    const m = raw as PackManifest;
    const pack = await loadPack(m, files);
    const golden = JSON.parse(new TextDecoder().decode(files['golden.json'])) as GoldenFile;
    expect(golden.rows.length).toBeGreaterThanOrEqual(100);
    const inputs = golden.rows.map((r) => r.inputs);
    const dose = await predictHead(pack.dose, inputs);
    let compared = 0;
    golden.rows.forEach((row, i) => {
      for (const [kind, expected] of Object.entries(row.dose.members)) {
        expect(close(dose.members[kind]?.[i] as number, expected), `${kind} row ${i}`).toBe(true);
        compared++;
      }
      expect(close(dose.ensemble[i] as number, row.dose.ensemble)).toBe(true);
      expect(close(dose.value[i] as number, row.dose.value)).toBe(true);
      expect(close(dose.lo[i] as number, row.dose.lo)).toBe(true);
      expect(close(dose.hi[i] as number, row.dose.hi)).toBe(true);
    });
    if (pack.settled) {
      const withSettled = golden.rows.filter((r) => r.settled);
      const settled = await predictHead(
        pack.settled,
        withSettled.map((r) => r.inputs),
      );
      withSettled.forEach((row, i) => {
        expect(close(settled.ensemble[i] as number, row.settled?.ensemble as number)).toBe(true);
      });
    }
    expect(compared).toBeGreaterThan(0);
    pack.dispose();
  });

  it('refuses a pack whose weights were tampered with', async () => {
    const m = raw as PackManifest;
    const target = m.files.find((f) => f.path.endsWith('.bin'));
    expect(target).toBeDefined();
    const path = target?.path as string;
    const flipped = new Uint8Array(files[path] as Uint8Array);
    flipped[flipped.length >> 1] = (flipped[flipped.length >> 1] as number) ^ 0x01;
    await expect(loadPack(m, { ...files, [path]: flipped })).rejects.toBeInstanceOf(
      PackIntegrityError,
    );
  });
});
