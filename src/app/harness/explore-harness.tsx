import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { DataTable } from '../../data/data-table';
import { analysisApi } from '../../data/workers/analysis-api';
import { createAnalysisClient } from '../../data/workers/analysis-client';
import { parseFileInWorker } from '../../data/workers/ingest-client';
import { downsample } from '../../features/explore/charts/downsample';
import { TimeChart } from '../../features/explore/charts/time-chart';
import { initI18n } from '../i18n/i18n';

/**
 * Bench hook for the Explorer's heavy paths, loaded only by `explore-harness.html` (a Vite input
 * built with the site, linked from nowhere in the app, left out of the offline precache). It puts
 * `window.__exploreHarness` on that page so `bench/explore-bench.ts` can time, in the production
 * build, the same code the Explorer runs:
 *   - CSV ingest through `parseFileInWorker` (the ingest worker), with the main thread's long
 *     tasks during it (Long Tasks API: every task ≥ 50 ms);
 *   - describe + correlation + PCA through the analysis worker client, after the table is sent
 *     to the worker (`preload`, timed apart: once per table, as the Explorer does on opening);
 *   - a time-series chart: LTTB in the worker to ~2 points per pixel (`downsample`, the
 *     time-series view's path), then `TimeChart` drawn until its line is in the DOM and painted.
 * Data are generated in the page, outside the timed spans.
 */
initI18n();

interface LongTask {
  start: number;
  duration: number;
}

const longTasks: LongTask[] = [];
const longTasksSupported =
  typeof PerformanceObserver !== 'undefined' &&
  PerformanceObserver.supportedEntryTypes.includes('longtask');
if (longTasksSupported) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Long tasks that overlap [t0, t1]: their count and the longest. */
function longTasksIn(t0: number, t1: number): { count: number; longestMs: number } {
  const hits = longTasks.filter((t) => t.start < t1 && t.start + t.duration > t0);
  return { count: hits.length, longestMs: Math.max(0, ...hits.map((t) => t.duration)) };
}

/** Resolves after the next frame has been produced (two rAFs: the first runs before paint). */
function afterPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
  );
}

/** Gives the Long Tasks observer time to deliver entries that ended just before `t1`. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 100));
}

/** Deterministic pseudo-random numbers (mulberry32): the same data in every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let csv: Blob | undefined;

/**
 * A `;`-delimited, decimal-comma CSV like a Spanish Excel export (the shape of
 * src/data/ingest/parse-csv.throughput.test.ts): a date-time, a plant code and 20 measurements
 * per row, rows added until it reaches `bytes`. Cell texts come from a pool per column, so
 * generating 100 MB takes seconds, not minutes; the parser still reads every byte.
 */
function generateCsv(bytes: number): Blob {
  if (csv && csv.size >= bytes && csv.size < bytes + 4096) return csv;
  const columns = 20;
  const pool = 997; // prime: rows do not repeat with a short period
  const cells = Array.from({ length: columns }, (_, c) =>
    Array.from({ length: pool }, (_, i) =>
      (Math.sin(i * 0.37 + c) * 1000 + c * 10).toFixed(3).replace('.', ','),
    ),
  );
  const header = ['fecha', 'planta', ...Array.from({ length: columns }, (_, i) => `var_${i}`)];
  const parts: string[] = [`${header.join(';')}\r\n`];
  let size = parts[0]!.length;
  const start = Date.UTC(2015, 0, 1);
  const lines: string[] = [];
  for (let r = 0; size < bytes; r++) {
    let line = `${new Date(start + r * 600_000).toISOString().slice(0, 19).replace('T', ' ')};P${r % 7}`;
    for (let c = 0; c < columns; c++) line += `;${cells[c]![(r * 31 + c * 17) % pool]}`;
    line += '\r\n';
    size += line.length;
    lines.push(line);
    if (lines.length === 10_000) parts.push(lines.splice(0).join(''));
  }
  parts.push(lines.join(''));
  csv = new Blob(parts, { type: 'text/csv' });
  return csv;
}

/** `rows` × `columns` correlated measurements (1 % missing) and an hourly time column. */
function generateTable(rows: number, columns: number): DataTable {
  const next = rng(7);
  const time = new Float64Array(rows);
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < rows; i++) time[i] = start + i * 3_600_000;
  const base = new Float64Array(rows);
  for (let i = 0; i < rows; i++) base[i] = Math.sin(i / 500) * 10 + next() * 4;
  const cols: DataTable['columns'] = [{ name: 'fecha', kind: 'datetime', values: time }];
  for (let c = 0; c < columns; c++) {
    const v = new Float64Array(rows);
    const w = (c % 3) - 1;
    for (let i = 0; i < rows; i++)
      v[i] = next() < 0.01 ? Number.NaN : w * (base[i] as number) + c + next() * (c + 1);
    cols.push({ name: `var_${c}`, kind: 'number', values: v });
  }
  return { name: 'bench', rowCount: rows, columns: cols };
}

export interface ParseRun {
  bytes: number;
  rows: number;
  columns: number;
  ms: number;
  longTasks: number;
  longestTaskMs: number;
}

export interface AnalysisRun {
  /** Sending the table to the worker (0 when it is there already, or on this thread). */
  uploadMs: number;
  /** Longest main-thread task while sending it. */
  uploadLongestTaskMs: number;
  describeMs: number;
  correlationMs: number;
  pcaMs: number;
  totalMs: number;
  /** Longest main-thread task during describe, correlation and PCA. */
  longestTaskMs: [number, number, number];
  mode: string;
}

export interface ChartRun {
  points: number;
  drawn: number;
  lttbMs: number;
  renderMs: number;
  pathLength: number;
}

const analysisClient = createAnalysisClient();
let table: DataTable | undefined;
let series: { t: Float64Array; v: Float64Array } | undefined;

export const exploreHarness = {
  longTasksSupported: () => longTasksSupported,

  /** Generates the CSV once (kept for later runs); returns its size in bytes. */
  prepareCsv: (bytes: number) => generateCsv(bytes).size,

  /** One parse of the prepared CSV in the ingest worker, timed from the call to the table. */
  async parse(bytes: number): Promise<ParseRun> {
    const file = generateCsv(bytes);
    await settle();
    const t0 = performance.now();
    const { table: parsed } = await parseFileInWorker(file, { name: 'bench.csv' }, () => {});
    const t1 = performance.now();
    await settle();
    const lt = longTasksIn(t0, t1);
    return {
      bytes: file.size,
      rows: parsed.rowCount,
      columns: parsed.columns.length,
      ms: t1 - t0,
      longTasks: lt.count,
      longestTaskMs: lt.longestMs,
    };
  },

  /** Generates the analysis table once; returns rows × numeric columns. */
  prepareTable(rows: number, columns: number): [number, number] {
    if (table?.rowCount !== rows || table.columns.length !== columns + 1)
      table = generateTable(rows, columns);
    return [table.rowCount, table.columns.length - 1];
  },

  /**
   * describeTable, then the Pearson matrix, then PCA, as the Explorer's views call them: through
   * the worker client, or (`here`) with the same functions on this thread, which tells the work
   * apart from the cost of copying the table to the worker.
   */
  async analysis(here = false): Promise<AnalysisRun> {
    if (!table) throw new Error('prepareTable first');
    const api = here ? analysisApi : analysisClient;
    const numeric = table.columns
      .filter((c) => c.kind === 'number')
      .map((c) => ({ name: c.name, values: c.values as Float64Array }));
    await settle();
    const tu = performance.now();
    if (!here) await analysisClient.preload(table);
    const t0 = performance.now();
    await api.describeTable(table);
    const t1 = performance.now();
    await api.correlationMatrix(numeric, 'pearson');
    const t2 = performance.now();
    await api.pca(numeric, { maxScores: 1500 });
    const t3 = performance.now();
    await settle();
    return {
      uploadMs: t0 - tu,
      uploadLongestTaskMs: longTasksIn(tu, t0).longestMs,
      describeMs: t1 - t0,
      correlationMs: t2 - t1,
      pcaMs: t3 - t2,
      totalMs: t3 - t0,
      longestTaskMs: [
        longTasksIn(t0, t1).longestMs,
        longTasksIn(t1, t2).longestMs,
        longTasksIn(t2, t3).longestMs,
      ],
      mode: here ? 'this thread' : analysisClient.mode,
    };
  },

  /** Starts the analysis worker on a tiny table, so the timed runs measure the work. */
  async warmAnalysis(): Promise<void> {
    await analysisClient.describeTable(generateTable(100, 2));
  },

  prepareSeries(points: number): number {
    if (series?.t.length !== points) {
      const tb = generateTable(points, 1);
      series = {
        t: tb.columns[0]!.values as Float64Array,
        v: tb.columns[1]!.values as Float64Array,
      };
    }
    return series.t.length;
  },

  /**
   * The time-series view's path for one series: LTTB in the worker to ~2 points per pixel of
   * the plot area, then TimeChart rendered and painted. `width` is the chart's CSS width.
   */
  async chart(width: number, height: number): Promise<ChartRun> {
    if (!series) throw new Error('prepareSeries first');
    const { t, v } = series;
    const domain: [number, number] = [t[0] as number, t[t.length - 1] as number];
    const host = document.createElement('div');
    host.style.width = `${width}px`;
    document.body.append(host);
    const root = createRoot(host);
    try {
      await settle();
      const t0 = performance.now();
      // Plot width as the view computes it: the chart's width less the y-axis and margins.
      const d = await downsample(t, v, domain[0], domain[1], width - 84);
      const t1 = performance.now();
      flushSync(() =>
        root.render(
          <TimeChart
            width={width}
            height={height}
            series={[{ name: 'var_0', t: d.t, v: d.v }]}
            domain={domain}
          />,
        ),
      );
      // recharts 3 lays out in more than one commit: wait until the line's path is drawn.
      const path = () => host.querySelector('.recharts-line-curve')?.getAttribute('d') ?? '';
      while (path() === '') {
        if (performance.now() - t1 > 60_000) throw new Error('the chart drew no line in 60 s');
        await new Promise((r) => requestAnimationFrame(r));
      }
      const t2 = await afterPaint();
      return {
        points: t.length,
        drawn: d.drawn,
        lttbMs: t1 - t0,
        renderMs: t2 - t1,
        pathLength: path().length,
      };
    } finally {
      root.unmount();
      host.remove();
    }
  },
};

export type ExploreHarness = typeof exploreHarness;

declare global {
  interface Window {
    __exploreHarness?: ExploreHarness;
  }
}

window.__exploreHarness = exploreHarness;
document.body.dataset['harness'] = 'ready';
