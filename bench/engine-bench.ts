import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { EngineHarness } from '../src/ml/engine/harness/engine-harness';
import {
  callHook,
  median,
  onSite,
  writeResults,
  type BenchSite,
  type Figure,
} from './browser-harness';

/**
 * Browser engine benchmark: drives `engine-harness.html` of the built site in headless Chromium on
 * each TF.js backend:
 *   - pack load, cold (new browser context: empty HTTP cache, fresh JS realm) and warm (new page
 *     in the same context: HTTP cache warm, fresh realm); loadEngine from call to ready;
 *   - single engine.predict (both heads): p50 of single calls and the mean of a timed block;
 *   - engine.predictBatch of 100k distinct rows (worker pool): median of 3 runs after a first run
 *     that also starts the workers; and the same rows computed on the page's thread in one call.
 * Every figure is the median over repeated runs. Run alone with `tsx bench/engine-bench.ts`, or
 * through `npm run bench` (bench/browser-harness.ts builds, serves and launches the browser).
 */
const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;
const BATCH_ROWS = 100_000;
const REPEATS = 3;

type Backend = (typeof BACKENDS)[number];

export interface EngineBenchRow {
  backend: Backend;
  pack: string;
  status: 'ok' | 'unavailable';
  detail?: string;
  loadColdMs?: number;
  loadWarmMs?: number;
  predictP50Ms?: number;
  predictMeanMs?: number;
  batchMs?: number;
  batchFirstMs?: number;
  batchMode?: string;
  batchWorkers?: number;
  /** The same 100k rows computed on the page's own thread in one call: what the pool divides. */
  batchOneThreadMs?: number;
}

function call<K extends keyof EngineHarness & string>(
  page: Page,
  method: K,
  ...args: Parameters<EngineHarness[K]>
): Promise<Awaited<ReturnType<EngineHarness[K]>>> {
  return callHook<EngineHarness, K>(page, '__engineHarness', method, ...args);
}

async function openHarness(site: BenchSite, page: Page, backend: Backend): Promise<void> {
  await page.goto(`${site.url}engine-harness.html?backend=${backend}`);
  await page.waitForSelector('body[data-harness="ready"]', { state: 'attached' });
}

async function benchBackend(site: BenchSite, backend: Backend, packs: string[]) {
  const rows: EngineBenchRow[] = [];
  for (const pack of packs) {
    const cold: number[] = [];
    const warm: number[] = [];
    let failure: string | undefined;
    let lastContext;
    for (let i = 0; i < REPEATS && !failure; i++) {
      await lastContext?.close();
      lastContext = await site.browser.newContext();
      const page = await lastContext.newPage();
      await openHarness(site, page, backend);
      const r = await call(page, 'load', pack);
      if (!r.ok) failure = `${r.code}: ${r.detail}`;
      else cold.push(r.ms);
      await page.close();
    }
    if (failure || !lastContext) {
      await lastContext?.close();
      rows.push({ backend, pack, status: 'unavailable', detail: failure ?? 'no context' });
      continue;
    }
    for (let i = 0; i < REPEATS; i++) {
      const page = await lastContext.newPage();
      await openHarness(site, page, backend);
      const r = await call(page, 'load', pack);
      if (r.ok) warm.push(r.ms);
      await page.close();
    }
    const page = await lastContext.newPage();
    await openHarness(site, page, backend);
    await call(page, 'load', pack);
    const singles = [];
    for (let i = 0; i < REPEATS; i++) singles.push(await call(page, 'benchPredict', pack, 300));
    const batch = await call(page, 'benchBatch', pack, BATCH_ROWS, REPEATS);
    const oneThread = await call(page, 'benchRowsMainThread', pack, BATCH_ROWS, REPEATS);
    await lastContext.close();
    rows.push({
      backend,
      pack,
      status: 'ok',
      loadColdMs: median(cold),
      loadWarmMs: median(warm),
      predictP50Ms: median(singles.map((s) => s.p50)),
      predictMeanMs: median(singles.map((s) => s.meanMs)),
      batchMs: batch.medianMs,
      batchFirstMs: batch.firstMs,
      batchMode: batch.mode,
      batchWorkers: batch.workers,
      batchOneThreadMs: oneThread,
    });
  }
  return rows;
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined ? '–' : v.toFixed(digits));

export function engineBenchTable(rows: readonly EngineBenchRow[]): string {
  const lines = [
    '| backend | pack | load cold | load warm | predict p50 | predict mean | 100k batch | 100k first run | batch ran in | 100k, one thread |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const r of rows) {
    if (r.status !== 'ok') {
      lines.push(`| ${r.backend} | ${r.pack} | unavailable: ${r.detail ?? ''} |||||||||`);
      continue;
    }
    lines.push(
      `| ${r.backend} | ${r.pack} | ${fmt(r.loadColdMs)} ms | ${fmt(r.loadWarmMs)} ms | ${fmt(r.predictP50Ms, 1)} ms | ${fmt(r.predictMeanMs, 3)} ms | ${fmt(r.batchMs)} ms | ${fmt(r.batchFirstMs)} ms | ${r.batchWorkers ?? 0} ${r.batchMode ?? ''} | ${fmt(r.batchOneThreadMs)} ms |`,
    );
  }
  return lines.join('\n');
}

/** Headline figures for the summary: the best backend's single predict and 100k batch. */
export function engineFigures(rows: readonly EngineBenchRow[]): Figure[] {
  const ok = rows.filter((r) => r.status === 'ok');
  const best = (key: 'predictP50Ms' | 'batchMs') =>
    ok.reduce<EngineBenchRow | undefined>(
      (b, r) => (r[key] !== undefined && (!b || (r[key] as number) < (b[key] as number)) ? r : b),
      undefined,
    );
  const figures: Figure[] = [];
  const p = best('predictP50Ms');
  if (p?.predictP50Ms !== undefined)
    figures.push({
      name: 'Engine predict, one row (p50, best backend)',
      value: p.predictP50Ms,
      unit: 'ms',
      runs: REPEATS,
      target: { op: '≤', limit: 1 },
      note: `${p.backend}, ${p.pack}`,
    });
  const b = best('batchMs');
  if (b?.batchMs !== undefined)
    figures.push({
      name: `Engine predictBatch, ${BATCH_ROWS / 1000}k rows (best backend)`,
      value: b.batchMs,
      unit: 'ms',
      runs: REPEATS,
      target: { op: '≤', limit: 1000 },
      note: `${b.backend}, ${b.pack}, ${b.batchWorkers ?? 0} ${b.batchMode ?? ''}`,
    });
  return figures;
}

export function runEngineBench(site?: BenchSite): Promise<EngineBenchRow[]> {
  return onSite(site, async (s) => {
    const probe = await s.browser.newPage();
    await openHarness(s, probe, 'cpu');
    const packs = await call(probe, 'listPacks');
    const cores = await probe.evaluate(() => navigator.hardwareConcurrency);
    await probe.close();
    const rows: EngineBenchRow[] = [];
    for (const backend of BACKENDS) rows.push(...(await benchBackend(s, backend, packs)));

    console.log(
      `\nEngine in Chromium (${cores} logical cores; load average ${s.loadAtStart.toFixed(2)} at start):\n`,
    );
    console.log(engineBenchTable(rows));
    console.log('\nTargets: predict p50 ≤ 1 ms; 100k rows ≤ 1 s on the best backend.');
    writeResults('engine-bench', s, { batchRows: BATCH_ROWS, repeats: REPEATS, rows });
    return rows;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runEngineBench();
}
