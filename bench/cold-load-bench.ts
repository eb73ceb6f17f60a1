import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page, Request, TestInfo } from '@playwright/test';
import { OperatePage } from '../e2e/pages/operate-page';
import {
  figureTable,
  median,
  onSite,
  writeResults,
  type BenchSite,
  type Figure,
} from './browser-harness';

/**
 * Cold load to the first dose (issue #8): a new browser context each run (empty HTTP cache, no
 * service worker: `serviceWorkers: 'block'`, so neither a precache nor its downloads play a part),
 * a landscape tablet viewport, the built site opened at `#/operar` with no test hook. Playwright
 * types one set of readings through the Operate page object as soon as each field exists; the
 * clock is the page's own (`performance.now()`, zero at navigation start):
 *   - form ready: the turbidity field is in the DOM;
 *   - first dose: the dose is shown and not stale (polled every animation frame).
 * Bytes: every response the page and its workers received, headers + body as `vite preview` sends
 * them (it gzips text types, not the models' .bin files), and the same with every body gzipped
 * (what a static host that compresses everything would send). Run alone with `tsx bench/cold-load-bench.ts`, or through `npm run bench`.
 */
const RUNS = 3;
const VIEWPORT = { width: 1024, height: 768 };

/** One set of readings (decimal commas, as an operator types them). */
const READINGS = {
  plant: 'ala',
  time: '2015-06-10T14:00',
  raw_turbidity: '48,5',
  flow: '690',
  prev_raw_turbidity: '35',
  prev_time: '2015-06-10T08:00',
};

export interface ColdLoadRun {
  formReadyMs: number;
  doseMs: number;
  /** From the last reading typed (as the page saw it) to the dose shown. */
  afterLastReadingMs: number;
  requests: number;
  transferredBytes: number;
  gzipBytes: number;
  /** Transferred bytes by kind: js, css, wasm, model (files under models/), html, other. */
  byKind: Record<string, number>;
}

/** OperatePage only reads `project.use.hasTouch` from its TestInfo: a mouse-driven tablet here. */
const NO_TOUCH = { project: { use: { hasTouch: false } } } as unknown as TestInfo;

interface Received {
  kind: string;
  transferred: number;
  gzip: number;
}

function kindOf(url: string): string {
  const path = new URL(url).pathname;
  if (path.includes('/models/')) return 'model';
  return /\.(js|css|wasm|html)$/.exec(path)?.[1] ?? (path.endsWith('/') ? 'html' : 'other');
}

async function bytesOf(req: Request): Promise<Received> {
  const sizes = await req.sizes();
  const body = await req
    .response()
    .then((r) => r?.body())
    .catch(() => undefined);
  return {
    kind: kindOf(req.url()),
    transferred: sizes.responseHeadersSize + sizes.responseBodySize,
    gzip: sizes.responseHeadersSize + (body ? gzipSync(body).byteLength : sizes.responseBodySize),
  };
}

async function oneRun(site: BenchSite): Promise<ColdLoadRun> {
  const context = await site.browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  const pending: Promise<Received>[] = [];
  context.on('requestfinished', (req) => {
    const p = bytesOf(req);
    p.catch(() => undefined); // awaited below; a run that fails closes the context first
    pending.push(p);
  });
  try {
    // Form ready: noted by the page itself the moment the turbidity field enters the DOM.
    await context.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-field="raw_turbidity"]')) return;
        (window as unknown as { __formReadyAt: number }).__formReadyAt = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    const page: Page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const operate = new OperatePage(page, NO_TOUCH);
    await page.goto(`${site.url}#/operar`, { waitUntil: 'commit' });
    await operate.fillReadings(READINGS);
    const filledMs = await page.evaluate(() => performance.now());
    const dose = await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="dose-value"]') &&
        !document.querySelector('.answer-stale')
          ? performance.now()
          : 0,
      undefined,
      { polling: 'raf' },
    );
    const doseMs = (await dose.jsonValue()) as number;
    const formReadyMs = await page.evaluate(
      () => (window as unknown as { __formReadyAt?: number }).__formReadyAt ?? Number.NaN,
    );
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(pending);
    return {
      formReadyMs,
      doseMs,
      afterLastReadingMs: Math.max(0, doseMs - filledMs),
      requests: sizes.length,
      transferredBytes: sizes.reduce((s, x) => s + x.transferred, 0),
      gzipBytes: sizes.reduce((s, x) => s + x.gzip, 0),
      byKind: sizes.reduce<Record<string, number>>((acc, x) => {
        acc[x.kind] = (acc[x.kind] ?? 0) + x.transferred;
        return acc;
      }, {}),
    };
  } finally {
    await context.close();
  }
}

export function coldLoadFigures(runs: readonly ColdLoadRun[]): Figure[] {
  if (runs.length === 0) return [];
  const m = (k: Exclude<keyof ColdLoadRun, 'byKind'>) => median(runs.map((r) => r[k]));
  const kinds = Object.entries(runs[0]?.byKind ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([k, b]) => `${k} ${(b / 1024).toFixed(0)}`)
    .join(', ');
  return [
    {
      name: 'Cold load to first dose (#/operar, built site)',
      value: m('doseMs'),
      unit: 'ms',
      runs: runs.length,
      note: `form ready ${m('formReadyMs').toFixed(0)} ms; dose ${m('afterLastReadingMs').toFixed(0)} ms after the last reading typed`,
    },
    {
      name: 'Cold load: bytes transferred',
      value: m('transferredBytes') / 1024,
      unit: 'KB',
      runs: runs.length,
      note: `${m('requests')} requests, as vite preview sends them, text gzipped, binaries not (${kinds} KB); ${(m('gzipBytes') / 1024).toFixed(0)} KB with every body gzipped`,
    },
  ];
}

export function runColdLoadBench(site?: BenchSite): Promise<ColdLoadRun[]> {
  return onSite(site, async (s) => {
    const runs: ColdLoadRun[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(s));
    writeResults('cold-load-bench', s, { viewport: VIEWPORT, readings: READINGS, runs });
    return runs;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(figureTable(coldLoadFigures(await runColdLoadBench())));
}
