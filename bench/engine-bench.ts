import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { EngineHarness } from '../src/ml/engine/harness/engine-harness';

/**
 * Browser engine benchmark: builds the site (base '/'), serves it with `vite preview`, and drives
 * `engine-harness.html` in headless Chromium on each TF.js backend:
 *   - pack load, cold (new browser context: empty HTTP cache, fresh JS realm) and warm (new page
 *     in the same context: HTTP cache warm, fresh realm); loadEngine from call to ready;
 *   - single engine.predict (both heads): p50 of single calls and the mean of a timed block;
 *   - engine.predictBatch of 100k distinct rows (worker pool): median of 3 runs after a first run
 *     that also starts the workers; and the same rows computed on the page's thread in one call.
 * Every figure is the median over repeated runs. Run alone with `tsx bench/engine-bench.ts`, or
 * through `npm run bench`. BENCH_DIST=<dir> reuses a build; BENCH_PORT picks the port (4191).
 */
const root = join(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_PORT ?? 4191);
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

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

function call<K extends keyof EngineHarness>(
  page: Page,
  method: K,
  ...args: Parameters<EngineHarness[K]>
): Promise<Awaited<ReturnType<EngineHarness[K]>>> {
  return page.evaluate(
    async ([m, a]) => {
      const h = window.__engineHarness;
      if (!h) throw new Error('engine harness not loaded');
      return (h[m as keyof EngineHarness] as (...x: unknown[]) => unknown)(...(a as unknown[]));
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<EngineHarness[K]>>>;
}

async function openHarness(page: Page, backend: Backend): Promise<void> {
  await page.goto(`http://localhost:${PORT}/engine-harness.html?backend=${backend}`);
  await page.waitForSelector('body[data-harness="ready"]', { state: 'attached' });
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function build(): string {
  if (process.env.BENCH_DIST) return process.env.BENCH_DIST;
  const outDir = 'dist-pages-bench'; // dist-pages-* is ignored by git, ESLint and Prettier
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, BASE_PATH: '/' },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('vite build failed');
  return outDir;
}

async function benchBackend(browser: Browser, backend: Backend, packs: string[]) {
  const rows: EngineBenchRow[] = [];
  for (const pack of packs) {
    const cold: number[] = [];
    const warm: number[] = [];
    let failure: string | undefined;
    let lastContext;
    for (let i = 0; i < REPEATS && !failure; i++) {
      await lastContext?.close();
      lastContext = await browser.newContext();
      const page = await lastContext.newPage();
      await openHarness(page, backend);
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
      await openHarness(page, backend);
      const r = await call(page, 'load', pack);
      if (r.ok) warm.push(r.ms);
      await page.close();
    }
    const page = await lastContext.newPage();
    await openHarness(page, backend);
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

export async function runEngineBench(): Promise<EngineBenchRow[]> {
  const dist = build();
  const vite = join(root, 'node_modules', '.bin', 'vite');
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const load0 = loadavg()[0] ?? 0;
  try {
    // Own process group, so stopping it by pid also stops what npx/vite started under it.
    server = spawn(
      vite,
      ['preview', '--outDir', dist, '--port', String(PORT), '--strictPort', '--bypass-lock'],
      {
        cwd: root,
        env: { ...process.env, BASE_PATH: '/' },
        stdio: 'ignore',
        detached: true,
      },
    );
    await waitForServer(`http://localhost:${PORT}/engine-harness.html`, 30_000);
    const executablePath =
      process.env.CHROMIUM_PATH ||
      (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const probe = await browser.newPage();
    await openHarness(probe, 'cpu');
    const packs = await call(probe, 'listPacks');
    const cores = await probe.evaluate(() => navigator.hardwareConcurrency);
    await probe.close();
    const rows: EngineBenchRow[] = [];
    for (const backend of BACKENDS) rows.push(...(await benchBackend(browser, backend, packs)));

    console.log(
      `\nEngine in Chromium (${cores} logical cores; load average ${load0.toFixed(2)} at start):\n`,
    );
    console.log(engineBenchTable(rows));
    console.log('\nTargets: predict p50 ≤ 1 ms; 100k rows ≤ 1 s on the best backend.');
    const outDir = join(root, 'bench', 'results');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'engine-bench.json');
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          chromium: browser.version(),
          cpus: cpus().length,
          loadAverageAtStart: load0,
          loadAverageAtEnd: loadavg()[0],
          batchRows: BATCH_ROWS,
          repeats: REPEATS,
          rows,
        },
        null,
        1,
      )}\n`,
    );
    console.log(`\nWrote ${file}`);
    return rows;
  } finally {
    await browser?.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runEngineBench();
}
