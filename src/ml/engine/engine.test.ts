import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../domain/input-record';
import type { PackManifest } from '../../domain/pack-manifest';
import type { GoldenFile } from '../training/train-pack';
import { BatchClient } from './batch-client';
import { createBatchWorkerApi } from './batch-worker-api';
import { loadEngine, loadEngineFromMemory, listPacks, PackLoadError } from './engine';
import type { LoadProgress } from './engine-api';
import { EngineInputError, type PackEngine } from './pack-engine';
import { httpPackSource, memoryPackSource, type MemoryPack } from './pack-source';

/**
 * The engine on the shipped packs, in Node on the TF.js CPU backend (the browser backends are
 * covered by e2e/engine-parity.spec.ts). Packs are served from memory or through a fake fetch.
 */
const modelsDir = join(import.meta.dirname, '..', '..', '..', 'public', 'models');
const PACK = 'aguaclara-honduras';

function readPack(id: string): MemoryPack & { manifest: PackManifest } {
  const dir = join(modelsDir, id);
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as PackManifest;
  delete files['manifest.json'];
  return { manifest, files };
}

const pack = readPack(PACK);
const golden = JSON.parse(new TextDecoder().decode(pack.files['golden.json'])) as GoldenFile;
const rows = golden.rows.map((r) => r.inputs);

/** A fresh source key per call, so the engine cache never hands one test another's engine. */
let sourceCount = 0;
const memory = (packs: MemoryPack[]) => memoryPackSource(packs, `test-${sourceCount++}`);

async function loadError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PackLoadError);
    return (e as PackLoadError).code;
  }
  throw new Error('the load succeeded');
}

let engine: PackEngine;
beforeAll(async () => {
  engine = (await loadEngine(PACK, undefined, {
    source: memory([pack]),
    backend: 'cpu',
  })) as PackEngine;
});

describe('loadEngine', () => {
  it('loads on the forced CPU backend, with progress through every stage to 1', async () => {
    const seen: LoadProgress[] = [];
    const e = await loadEngine(PACK, (p) => seen.push(p), {
      source: memory([pack]),
      backend: 'cpu',
    });
    expect(e.backend).toBe('cpu');
    expect(e.manifest.id).toBe(PACK);
    expect(new Set(seen.map((p) => p.stage))).toEqual(
      new Set(['backend', 'manifest', 'files', 'verify', 'models', 'warmup', 'ready']),
    );
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('memoises per pack: the same promise, the same engine', async () => {
    const source = memory([pack]);
    const a = loadEngine(PACK, undefined, { source, backend: 'cpu' });
    const b = loadEngine(PACK, undefined, { source, backend: 'cpu' });
    expect(a).toBe(b);
    expect(await a).toBe(await b);
  });

  it('a missing pack is pack-not-found, and a failed load is not cached', async () => {
    const packs: MemoryPack[] = [];
    const source = memoryPackSource(packs, `retry-${sourceCount++}`);
    expect(await loadError(loadEngine(PACK, undefined, { source, backend: 'cpu' }))).toBe(
      'pack-not-found',
    );
    // The source learns the pack (e.g. an IndexedDB write finished): the next call loads it.
    const fixed = memoryPackSource([pack], source.key);
    await expect(
      loadEngine(PACK, undefined, { source: fixed, backend: 'cpu' }),
    ).resolves.toBeDefined();
  });

  it('a flipped weight byte is integrity-failed', async () => {
    const path = pack.manifest.files.find((f) => f.path.endsWith('.bin'))?.path as string;
    const bad = new Uint8Array(pack.files[path] as Uint8Array);
    bad[bad.length >> 1] = (bad[bad.length >> 1] as number) ^ 1;
    const source = memory([{ ...pack, files: { ...pack.files, [path]: bad } }]);
    expect(await loadError(loadEngine(PACK, undefined, { source, backend: 'cpu' }))).toBe(
      'integrity-failed',
    );
  });

  it('a wrong sha256 in the manifest is integrity-failed', async () => {
    const manifest = structuredClone(pack.manifest);
    (manifest.files[0] as { sha256: string }).sha256 = 'f'.repeat(64);
    const source = memory([{ manifest, files: pack.files }]);
    expect(await loadError(loadEngine(PACK, undefined, { source, backend: 'cpu' }))).toBe(
      'integrity-failed',
    );
  });

  it('an unknown schema version is unknown-schema-version; a broken manifest manifest-invalid', async () => {
    const v2 = { ...pack.manifest, schemaVersion: 2 };
    expect(
      await loadError(
        loadEngineFromMemory({ manifest: v2, files: pack.files }, undefined, { backend: 'cpu' }),
      ),
    ).toBe('unknown-schema-version');
    const broken = { ...pack.manifest, inputs: 'none' };
    expect(
      await loadError(
        loadEngine(PACK, undefined, {
          source: memory([{ manifest: broken, files: pack.files }]),
          backend: 'cpu',
        }),
      ),
    ).toBe('manifest-invalid');
  });
});

describe('httpPackSource', () => {
  const base = 'https://plant.example/app/models/';
  /** Serves public/models from disk; `tamper` may rewrite a response or fail. */
  const fakeFetch =
    (tamper?: (url: string) => Response | Error | undefined): typeof fetch =>
    async (input) => {
      const url = String(input);
      const t = tamper?.(url);
      if (t instanceof Error) throw t;
      if (t) return t;
      const path = join(modelsDir, url.slice(base.length));
      try {
        return new Response(new Uint8Array(readFileSync(path)));
      } catch {
        return new Response('not found', { status: 404 });
      }
    };

  it('lists the shipped packs and loads one under a sub-path, reporting bytes', async () => {
    const source = httpPackSource(base, fakeFetch());
    const packs = await listPacks(source);
    expect(packs.map((p) => p.id)).toContain(PACK);
    expect(packs.every((p) => p.source === 'shipped')).toBe(true);
    const manifest = await source.manifest(PACK);
    const seen: number[] = [];
    const files = await source.files(manifest, (p) => seen.push(p.loaded / p.total));
    expect(Object.keys(files).sort()).toEqual(manifest.files.map((f) => f.path).sort());
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
  });

  it('maps failures to load codes', async () => {
    const notFound = httpPackSource(base, fakeFetch());
    expect(await loadError(notFound.manifest('no-such-pack'))).toBe('pack-not-found');
    const offline = httpPackSource(
      base,
      fakeFetch(() => new TypeError('Failed to fetch')),
    );
    expect(await loadError(offline.listPacks())).toBe('network');
    const error500 = httpPackSource(
      base,
      fakeFetch((u) =>
        u.endsWith('manifest.json') ? new Response('', { status: 500 }) : undefined,
      ),
    );
    expect(await loadError(error500.manifest(PACK))).toBe('network');
    const notJson = httpPackSource(
      base,
      fakeFetch((u) => (u.endsWith('manifest.json') ? new Response('<html>') : undefined)),
    );
    expect(await loadError(notJson.manifest(PACK))).toBe('manifest-invalid');
    const missingFile = httpPackSource(
      base,
      fakeFetch((u) => (u.endsWith('.bin') ? new Response('', { status: 404 }) : undefined)),
    );
    const m = await missingFile.manifest(PACK);
    expect(await loadError(missingFile.files(m))).toBe('integrity-failed');
  });
});

describe('predict', () => {
  it('reproduces the golden dose, with members in mg/L', async () => {
    for (const [i, row] of golden.rows.slice(0, 20).entries()) {
      const r = await engine.predict(row.inputs);
      if (!r.ok) throw new Error(`row ${i}: ${JSON.stringify(r.issues)}`);
      const d = r.prediction.dose;
      expect(d.value).toBeCloseTo(Math.max(0, row.dose.value), 4);
      expect(d.lo).toBeCloseTo(row.dose.lo, 4);
      expect(d.hi).toBeCloseTo(row.dose.hi, 4);
      for (const m of d.members)
        expect(m.value).toBeCloseTo(Math.expm1(row.dose.members[m.kind] as number), 4);
      const values = d.members.filter((m) => m.weight > 0).map((m) => m.value);
      expect(r.prediction.disagreement).toBeCloseTo(
        (Math.max(...values) - Math.min(...values)) / d.value,
        9,
      );
    }
  });

  it('forecasts settled turbidity at the recommended dose, not the applied one', async () => {
    const rec = rows[0] as InputRecord;
    const r = await engine.predict(rec);
    if (!r.ok) throw new Error('rejected');
    const atRecommended = await engine.runtime.settledAt(rec, [r.prediction.dose.value]);
    expect(r.prediction.settled?.value).toBeCloseTo(atRecommended[0] as number, 9);
    const withOtherDose = await engine.predict({ ...rec, dose: 80 });
    expect(withOtherDose.ok && withOtherDose.prediction.settled?.value).toBeCloseTo(
      r.prediction.settled?.value as number,
      12,
    );
  });

  it('predicts with optional inputs left empty (linear members impute the training mean)', async () => {
    const r = await engine.predict({
      ...rows[0],
      flow: null,
      prev_raw_turbidity: null,
      prev_time: null,
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Number.isFinite(r.prediction.dose.value)).toBe(true);
      for (const m of r.prediction.dose.members) expect(Number.isFinite(m.value)).toBe(true);
    }
  });

  it.each([
    ['NaN turbidity', { raw_turbidity: Number.NaN }, 'raw_turbidity', 'not-a-number'],
    ['empty turbidity', { raw_turbidity: '' }, 'raw_turbidity', 'missing-value'],
    ['text turbidity', { raw_turbidity: 'alta' }, 'raw_turbidity', 'not-a-number'],
    ['negative turbidity', { raw_turbidity: -3 }, 'raw_turbidity', 'outside-physical-range'],
    ['pH 15', { ph: 15 }, 'ph', 'outside-physical-range'],
    ['unknown plant', { plant: 'medellin' }, 'plant', 'unknown-category'],
  ])('%s → ok false, %s %s, no dose', async (_, patch, input, code) => {
    // The shipped manifest plus a pH input, to show physical ranges come from the manifest.
    const withPh = structuredClone(pack.manifest);
    withPh.inputs.push({
      id: 'ph',
      label: { es: 'pH', en: 'pH' },
      kind: 'number',
      unit: '',
      quantity: 'ph',
      physicalRange: [0, 14],
      optional: false,
      role: 'reading',
    });
    const e = await loadEngine(PACK, undefined, {
      source: memoryPackSource([{ manifest: withPh, files: pack.files }], 'with-ph'),
      backend: 'cpu',
    });
    const r = await e.predict({ ...rows[0], ph: 7.2, ...patch });
    expect(r.ok).toBe(false);
    expect(r).not.toHaveProperty('prediction');
    if (!r.ok)
      expect(r.issues).toEqual([expect.objectContaining({ input, code, severity: 'error' })]);
  });

  it('never throws on garbage input', async () => {
    const value = fc.oneof(
      fc.double(),
      fc.string(),
      fc.constant(null),
      fc.integer({ min: -1e6, max: 1e13 }),
    );
    const ids = pack.manifest.inputs.map((i) => i.id);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...ids), value), async (patch) => {
        const r = await engine.predict({ ...rows[0], ...patch });
        if (r.ok) expect(Number.isFinite(r.prediction.dose.value)).toBe(true);
        else expect(r.issues.every((i) => i.severity === 'error')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('flags an extreme row as novel and demands a jar test', async () => {
    const base = rows[0] as InputRecord;
    const r = await engine.predict({
      ...base,
      raw_turbidity: 2000,
      prev_raw_turbidity: 1,
      prev_time: (base['time'] as number) - 30 * 24 * 3_600_000,
      flow: 99_000,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.prediction.novelty.novel).toBe(true);
    expect(r.prediction.novelty.score).toBeGreaterThan(r.prediction.novelty.threshold);
    expect(r.prediction.issues.map((i) => i.code)).toContain('novel-combination');
    expect(r.prediction.issues.map((i) => i.code)).toContain('outside-training-range');
    expect(r.prediction.jarTestRequired).toBe(true);
  });

  it('runs the sensor checks over recent reports', async () => {
    const base = rows[0] as InputRecord;
    const recent = Array.from({ length: 5 }, (_, i) => ({
      ...base,
      time: (base['time'] as number) - (5 - i) * 3_600_000,
    }));
    const r = await engine.predict(base, recent);
    expect(r.ok && r.prediction.issues.map((i) => `${i.input}:${i.code}`)).toEqual([
      'raw_turbidity:sensor-flatline',
    ]);
    const jump = await engine.predict({ ...base, raw_turbidity: 400 }, [
      { ...base, raw_turbidity: 5 },
    ]);
    expect(jump.ok && jump.prediction.issues.map((i) => i.code)).toContain('sensor-rate-of-change');
  });
});

describe('tensor hygiene', () => {
  it('numTensors returns to its baseline after 1,000 predictions', async () => {
    await engine.predict(rows[0] as InputRecord);
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) await engine.predict(rows[i % rows.length] as InputRecord);
    await engine.predictBatch(rows);
    await engine.explain(rows[0] as InputRecord);
    await engine.reverse(rows[0] as InputRecord, 1);
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);
});

describe('explain, whatIf, reverse on the shipped pack', () => {
  it('Shapley contributions sum to dose − reference, and dose is the predicted dose', async () => {
    for (const rec of rows.slice(0, 3)) {
      const ex = await engine.explain(rec);
      const sum = ex.contributions.reduce((s, c) => s + c.value, 0);
      expect(Math.abs(sum - (ex.dose - ex.reference))).toBeLessThan(1e-9);
      const r = await engine.predict(rec);
      expect(r.ok && r.prediction.dose.value).toBeCloseTo(ex.dose, 9);
      expect(ex.contributions.map((c) => c.input)).toEqual([
        'plant',
        'time',
        'raw_turbidity',
        'flow',
      ]);
    }
  });

  it('whatIf holds the other inputs (moving the linked previous reading) and agrees with predict', async () => {
    const rec = rows[1] as InputRecord;
    const curve = await engine.whatIf(rec, 'raw_turbidity', 7);
    expect(curve.x).toHaveLength(7);
    const cur = rec.raw_turbidity as number;
    const prev = rec.prev_raw_turbidity as number;
    for (const k of [0, 3, 6]) {
      const x = curve.x[k] as number;
      // The change since the previous report stays as recorded while the level sweeps.
      const movedPrev = Math.expm1(Math.log1p(x) - (Math.log1p(cur) - Math.log1p(prev)));
      const r = await engine.predict({ ...rec, raw_turbidity: x, prev_raw_turbidity: movedPrev });
      expect(r.ok && r.prediction.dose.value).toBeCloseTo(curve.dose[k] as number, 9);
    }
  });

  it('reverse returns a dose whose forecast meets the target, or null with the forecast at the top', async () => {
    const rec = rows[0] as InputRecord;
    const curve = await engine.runtime.settledAt(rec, [0, 5, 10, 25]);
    const target = ((curve[0] as number) + (curve[3] as number)) / 2;
    const r = await engine.reverse(rec, target);
    const q = engine.manifest.inputs.find((i) => i.id === 'dose')?.quantiles;
    // Only doses operators used: training p1 to p99 of the applied dose.
    expect(r.searched).toEqual([q?.[0], q?.[4]]);
    if (r.dose === null) {
      expect(r.settledAtDose).toBeGreaterThan(target);
    } else {
      expect(r.settledAtDose).toBeLessThanOrEqual(target);
      const at = await engine.runtime.settledAt(rec, [r.dose]);
      expect(at[0]).toBeCloseTo(r.settledAtDose, 12);
    }
    const impossible = await engine.reverse(rec, 0);
    expect(impossible.dose).toBeNull();
  });

  it('explain / whatIf / reverse refuse an invalid record with EngineInputError', async () => {
    const bad = { ...rows[0], raw_turbidity: -1 };
    await expect(engine.explain(bad)).rejects.toBeInstanceOf(EngineInputError);
    await expect(engine.whatIf(bad, 'raw_turbidity')).rejects.toBeInstanceOf(EngineInputError);
    await expect(engine.reverse(bad, 1)).rejects.toBeInstanceOf(EngineInputError);
  });
});

describe('predictBatch', () => {
  it('matches predict row by row, in order, with progress (main-thread fallback in Node)', async () => {
    const recs = [...rows.slice(0, 30), { ...rows[0], raw_turbidity: -1 }];
    const progress: number[] = [];
    const out = await engine.predictBatch(recs, (p) => progress.push(p.done));
    expect(out).toHaveLength(recs.length);
    for (const [i, rec] of recs.entries()) {
      const r = await engine.predict(rec);
      expect(out[i]?.ok).toBe(r.ok);
      if (r.ok) {
        // Exactly: the batch path skips zero-weight members, which add exactly 0.
        expect(out[i]?.dose).toBe(r.prediction.dose.value);
        expect(out[i]?.lo).toBe(r.prediction.dose.lo);
        expect(out[i]?.hi).toBe(r.prediction.dose.hi);
        expect(out[i]?.novel).toBe(r.prediction.novelty.novel);
      }
    }
    expect(out.at(-1)?.issues.map((i) => i.code)).toEqual(['outside-physical-range']);
    expect(progress.at(-1)).toBe(recs.length);
    expect(engine.lastBatchRun?.mode).toBe('main-thread');
  });

  it('cancels with an AbortError', async () => {
    const controller = new AbortController();
    const recs = Array.from({ length: 20_000 }, (_, i) => rows[i % rows.length] as InputRecord);
    const run = engine.predictBatch(
      recs,
      (p) => p.done > 0 && controller.abort(),
      controller.signal,
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('runs chunks in workers over the comlink protocol, falling back when a worker dies', async () => {
    await tf.setBackend('cpu');
    const channels: MessageChannel[] = [];
    let started = 0;
    const client = new BatchClient({
      init: () => ({ manifest: pack.manifest, files: pack.files, backend: 'cpu' }),
      local: (recs) => engine.runtime.predictRows(recs),
      chunkRows: 7,
      workers: 2,
      createWorker: () => {
        started++;
        const ch = new MessageChannel();
        channels.push(ch);
        expose(createBatchWorkerApi(), ch.port1 as never);
        return Object.assign(ch.port2, { terminate: () => ch.port2.close() }) as never;
      },
    });
    const recs = rows.slice(0, 40);
    const out = await client.run(recs);
    expect(client.lastRun).toMatchObject({ mode: 'worker', workers: 2, backend: 'cpu' });
    const local = await engine.runtime.predictRows(recs);
    expect(out.map((r) => r.dose)).toEqual(local.map((r) => r.dose));
    expect(out.map((r) => r.issues)).toEqual(local.map((r) => r.issues));
    expect(started).toBe(2);
    client.terminate();
    for (const ch of channels) ch.port1.close();
  });
});

describe('BatchClient', () => {
  /** An in-process "worker": the real worker API over a MessageChannel, or a broken one. */
  const fakeWorker = (broken: boolean) => () => {
    const ch = new MessageChannel();
    const api = createBatchWorkerApi();
    if (broken)
      api.predictChunk = async () => {
        throw new Error('worker out of memory');
      };
    expose(api, ch.port1 as never);
    return Object.assign(ch.port2, {
      terminate: () => {
        ch.port1.close();
        ch.port2.close();
      },
    }) as never;
  };
  const client = (broken: boolean) =>
    new BatchClient({
      init: () => ({ manifest: pack.manifest, files: pack.files, backend: 'cpu' }),
      local: (recs) => engine.runtime.predictRows(recs),
      chunkRows: 5,
      workers: 2,
      createWorker: fakeWorker(broken),
    });

  it('finishes on this thread when a worker fails mid-batch, rows still in order', async () => {
    const c = client(true);
    const recs = rows.slice(0, 23);
    const out = await c.run(recs);
    expect(out.map((r) => r.dose)).toEqual(
      (await engine.runtime.predictRows(recs)).map((r) => r.dose),
    );
    expect(c.lastRun?.mode).toBe('main-thread');
    c.terminate();
  });

  it('cancel terminates the workers and rejects with AbortError; the next batch starts afresh', async () => {
    const c = client(false);
    const controller = new AbortController();
    const recs = rows.slice(0, 60);
    await expect(
      c.run(recs, (p) => p.done > 0 && controller.abort(), controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await expect(c.run(recs.slice(0, 12))).resolves.toHaveLength(12);
    expect(c.lastRun?.mode).toBe('worker');
    c.terminate();
  });

  it('an already-aborted signal rejects at once', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client(false).run(rows, undefined, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('listPacks', () => {
  it('lists memory packs as local', async () => {
    expect(await listPacks(memory([pack]))).toEqual([
      { id: PACK, title: pack.manifest.title, createdAt: pack.manifest.createdAt, source: 'local' },
    ]);
  });
});
