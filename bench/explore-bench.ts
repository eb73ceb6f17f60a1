import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type {
  AnalysisRun,
  ChartRun,
  ExploreHarness,
  ParseRun,
} from '../src/app/harness/explore-harness';
import {
  callHook,
  figureTable,
  median,
  onSite,
  writeResults,
  type BenchSite,
  type Figure,
} from './browser-harness';

/**
 * The Explorer's heavy paths in headless Chromium, on the built site's `explore-harness.html`
 * (src/app/harness/explore-harness.tsx runs the app's own clients and chart):
 *   - ingest of a generated ~100 MB CSV in the ingest worker: MB/s, and the longest main-thread
 *     task during the parse (Long Tasks API, tasks ≥ 50 ms; "0" means none that long);
 *   - describe + Pearson correlation + PCA on 1M rows × 10 columns through the analysis worker
 *     (the worker is started before the timed runs; the table is sent to it once, before the
 *     first run's analysis, as the Explorer does when a table opens, and timed apart);
 *   - one time-series chart of 1M points: LTTB in the worker to ~2 points per pixel, then
 *     TimeChart (recharts) rendered and painted; both parts reported.
 * Issue #6 targets: ≥ 100 MB/s, no main-thread task > 100 ms, ≤ 2 s, ≤ 100 ms.
 * Run alone with `tsx bench/explore-bench.ts`, or through `npm run bench` (`-- --only explore`);
 * `--parts analysis` (comma list of ingest, analysis, chart) runs only those parts.
 */
const CSV_BYTES = 100_000_000;
const ANALYSIS_ROWS = 1_000_000;
const ANALYSIS_COLUMNS = 10;
const CHART_POINTS = 1_000_000;
/** A chart as wide as the time-series view on a landscape tablet (1024 px less the page's padding). */
const CHART_WIDTH = 960;
const CHART_HEIGHT = 260;
const REPEATS = 3;
const CHART_REPEATS = 5;

export const EXPLORE_PARTS = ['ingest', 'analysis', 'chart'] as const;
export type ExplorePart = (typeof EXPLORE_PARTS)[number];

/** The parts named by `--parts a,b` on the command line (all of them when absent). */
export function explorePartsFromArgv(argv: readonly string[]): ExplorePart[] {
  const at = argv.indexOf('--parts');
  if (at < 0) return [...EXPLORE_PARTS];
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(EXPLORE_PARTS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    throw new Error(`--parts: expected some of ${EXPLORE_PARTS.join(', ')}, got "${argv[at + 1]}"`);
  return names as ExplorePart[];
}

export interface ExploreBenchResult {
  longTasksSupported: boolean;
  parse: ParseRun[];
  analysis: AnalysisRun[];
  /** The same functions on the page's thread, once: the work without the copy to the worker. */
  analysisHere: AnalysisRun | undefined;
  chart: ChartRun[];
}

function call<K extends keyof ExploreHarness & string>(
  page: Page,
  method: K,
  ...args: Parameters<ExploreHarness[K]>
): Promise<Awaited<ReturnType<ExploreHarness[K]>>> {
  return callHook<ExploreHarness, K>(page, '__exploreHarness', method, ...args);
}

/** A fresh page per part, so one part's garbage (a 100 MB table) does not weigh on the next. */
async function withHarness<T>(site: BenchSite, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await site.browser.newPage();
  page.setDefaultTimeout(10 * 60_000);
  try {
    await page.goto(`${site.url}explore-harness.html`);
    await page.waitForSelector('body[data-harness="ready"]', { state: 'attached' });
    return await fn(page);
  } finally {
    await page.close();
  }
}

async function repeat<T>(n: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

const mbPerS = (r: ParseRun) => r.bytes / 1e6 / (r.ms / 1000);

export function exploreFigures(r: ExploreBenchResult): Figure[] {
  const figures: Figure[] = [];
  const first = r.parse[0];
  if (first) {
    const mb = (first.bytes / 1e6).toFixed(0);
    figures.push(
      {
        name: `CSV ingest in the worker, ${mb} MB`,
        value: median(r.parse.map(mbPerS)),
        unit: 'MB/s',
        runs: r.parse.length,
        target: { op: '≥', limit: 100 },
        note: `${first.rows.toLocaleString('en-US')} rows × ${first.columns} columns; ${median(r.parse.map((p) => p.ms)).toFixed(0)} ms`,
      },
      {
        name: `Longest main-thread task during that ingest`,
        value: Math.max(...r.parse.map((p) => p.longestTaskMs)),
        unit: 'ms',
        runs: r.parse.length,
        target: { op: '≤', limit: 100 },
        note: r.longTasksSupported
          ? `worst of the runs; ${r.parse.map((p) => p.longTasks).join('/')} tasks ≥ 50 ms`
          : 'Long Tasks API unavailable: not measured',
      },
    );
  }
  if (r.analysis.length > 0) {
    const m = (k: 'describeMs' | 'correlationMs' | 'pcaMs' | 'totalMs') =>
      median(r.analysis.map((a) => a[k])).toFixed(0);
    const worst = [0, 1, 2].map((i) =>
      Math.max(...r.analysis.map((a) => a.longestTaskMs[i] as number)).toFixed(0),
    );
    const here = r.analysisHere;
    const sent = r.analysis[0];
    if (sent && sent.uploadMs !== undefined)
      figures.push({
        name: 'Send the 1M × 10 table to the analysis worker (once per table version)',
        value: sent.uploadMs,
        unit: 'ms',
        runs: 1,
        note: `longest main-thread task ${sent.uploadLongestTaskMs.toFixed(0)} ms (target ≤ 100 ms)`,
      });
    figures.push({
      name: 'Describe + correlation + PCA, 1M rows × 10 columns',
      value: Number(m('totalMs')),
      unit: 'ms',
      runs: r.analysis.length,
      target: { op: '≤', limit: 2000 },
      note:
        `${r.analysis[0]?.mode}: describe ${m('describeMs')}, correlation ${m('correlationMs')}, PCA ${m('pcaMs')} ms; ` +
        `longest main-thread task ${worst.join('/')} ms` +
        (here
          ? `; on the page's thread ${here.describeMs.toFixed(0)}/${here.correlationMs.toFixed(0)}/${here.pcaMs.toFixed(0)} ms`
          : ''),
    });
  }
  if (r.chart.length > 0) {
    const m = (k: keyof ChartRun) => median(r.chart.map((c) => c[k]));
    figures.push(
      {
        name: 'Chart of 1M points: LTTB in the worker',
        value: m('lttbMs'),
        unit: 'ms',
        runs: r.chart.length,
        note: `to ${r.chart[0]?.drawn} points (~2 per pixel of a ${CHART_WIDTH} px chart)`,
      },
      {
        name: 'Chart of 1M points: draw (render to paint)',
        value: m('renderMs'),
        unit: 'ms',
        runs: r.chart.length,
        target: { op: '≤', limit: 100 },
        note: 'recharts TimeChart',
      },
      {
        name: 'Chart of 1M points: LTTB + draw',
        value: median(r.chart.map((c) => c.lttbMs + c.renderMs)),
        unit: 'ms',
        runs: r.chart.length,
        target: { op: '≤', limit: 100 },
      },
    );
  }
  return figures;
}

export function runExploreBench(
  site?: BenchSite,
  parts: readonly ExplorePart[] = EXPLORE_PARTS,
): Promise<ExploreBenchResult> {
  return onSite(site, async (s) => {
    const result: ExploreBenchResult = {
      longTasksSupported: false,
      parse: [],
      analysis: [],
      analysisHere: undefined,
      chart: [],
    };
    if (parts.includes('ingest'))
      await withHarness(s, async (page) => {
        result.longTasksSupported = await call(page, 'longTasksSupported');
        await call(page, 'prepareCsv', CSV_BYTES);
        await call(page, 'parse', CSV_BYTES); // warm-up: worker chunk fetched and compiled
        result.parse = await repeat(REPEATS, () => call(page, 'parse', CSV_BYTES));
      });
    if (parts.includes('analysis'))
      await withHarness(s, async (page) => {
        await call(page, 'prepareTable', ANALYSIS_ROWS, ANALYSIS_COLUMNS);
        await call(page, 'warmAnalysis');
        result.analysis = await repeat(REPEATS, () => call(page, 'analysis', false));
        result.analysisHere = await call(page, 'analysis', true);
      });
    if (parts.includes('chart'))
      await withHarness(s, async (page) => {
        await call(page, 'prepareSeries', CHART_POINTS);
        await call(page, 'chart', CHART_WIDTH, CHART_HEIGHT); // warm-up: recharts chunk, JIT
        result.chart = await repeat(CHART_REPEATS, () =>
          call(page, 'chart', CHART_WIDTH, CHART_HEIGHT),
        );
      });
    // A partial run writes beside the full one, so it never hides the full run's figures.
    const complete = EXPLORE_PARTS.every((p) => parts.includes(p));
    writeResults(complete ? 'explore-bench' : `explore-bench-${parts.join('-')}`, s, {
      csvBytes: CSV_BYTES,
      analysisShape: [ANALYSIS_ROWS, ANALYSIS_COLUMNS],
      chartShape: { points: CHART_POINTS, width: CHART_WIDTH, height: CHART_HEIGHT },
      ...result,
    });
    return result;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const parts = explorePartsFromArgv(process.argv);
  console.log(figureTable(exploreFigures(await runExploreBench(undefined, parts))));
}
