import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../tools/chromium-launch';

/**
 * What every browser bench shares: one production build of the site (base '/', both Vite inputs),
 * one `vite preview` server for it, one headless Chromium, and their teardown. `npm run bench`
 * opens one `BenchSite` and hands it to each browser bench; a bench run on its own
 * (`tsx bench/<name>.ts`) opens its own through `withBenchSite`.
 *
 * Environment: BENCH_DIST=<dir> reuses an existing build (base '/'); BENCH_PORT picks the preview
 * port (4193); CHROMIUM_PATH picks the browser (else Debian's /usr/bin/chromium when present,
 * else Playwright's own).
 */
export const ROOT = join(import.meta.dirname, '..');
const VITE = join(ROOT, 'node_modules', '.bin', 'vite');
export const DEFAULT_DIST = 'dist-pages-bench'; // dist-pages-* is ignored by git, ESLint, Prettier
const DEFAULT_PORT = 4193;

export interface BenchSite {
  /** Origin of the preview server, with a trailing slash. */
  url: string;
  browser: Browser;
  dist: string;
  /** Load average when the site was opened (the machine is shared: context for the figures). */
  loadAtStart: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

/** Builds the site once (unless BENCH_DIST names a build) and returns its folder. */
export function buildSite(outDir = DEFAULT_DIST): string {
  if (process.env.BENCH_DIST) return process.env.BENCH_DIST;
  const r = spawnSync(VITE, ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, BASE_PATH: '/' },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('vite build failed');
  return outDir;
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

function stopServer(server: ChildProcess | undefined): void {
  if (!server?.pid) return;
  try {
    // The server runs in its own process group: this stops vite and anything it started.
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
}

/**
 * Serves `dist` and opens Chromium for the duration of `fn`, then closes both, whatever `fn` does.
 * Builds first when `dist` is not given.
 */
export async function withBenchSite<T>(
  fn: (site: BenchSite) => Promise<T>,
  options: { dist?: string; port?: number } = {},
): Promise<T> {
  const dist = options.dist ?? buildSite();
  const port = options.port ?? Number(process.env.BENCH_PORT ?? DEFAULT_PORT);
  const loadAtStart = loadavg()[0] ?? 0;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  // A crash (an unhandled rejection) or Ctrl-C skips `finally`: stop the detached server anyway,
  // or it keeps the port and the next run cannot start.
  const onExit = () => stopServer(server);
  const onSignal = () => process.exit(130);
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Own process group (detached), so stopServer reaches what vite starts under it.
    server = spawn(
      VITE,
      ['preview', '--outDir', dist, '--port', String(port), '--strictPort', '--bypass-lock'],
      { cwd: ROOT, env: { ...process.env, BASE_PATH: '/' }, stdio: 'ignore', detached: true },
    );
    const url = `http://localhost:${port}/`;
    await waitForServer(url, 30_000);
    browser = await launchChromium();
    return await fn({ url, browser, dist, loadAtStart });
  } finally {
    await browser?.close();
    stopServer(server);
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A site for a bench: the one it was given, or its own for the length of `fn`. */
export function onSite<T>(
  site: BenchSite | undefined,
  fn: (site: BenchSite) => Promise<T>,
): Promise<T> {
  return site ? fn(site) : withBenchSite(fn);
}

type HookFn = (...args: never[]) => unknown;

/**
 * Calls `window[hook][method](...args)` in the page (a harness page's or the app's `?test`
 * hook); arguments and result cross as structured clones.
 */
export function callHook<H extends { [P in K]: HookFn }, K extends keyof H & string>(
  page: Page,
  hook: string,
  method: K,
  ...args: Parameters<H[K]>
): Promise<Awaited<ReturnType<H[K]>>> {
  return page.evaluate(
    async ([h, m, a]) => {
      const target = (window as unknown as Record<string, Record<string, unknown> | undefined>)[h];
      if (!target) throw new Error(`window.${h} is not installed on ${location.href}`);
      return (target[m] as (...x: unknown[]) => unknown)(...(a as unknown[]));
    },
    [hook, method, args] as const,
  ) as Promise<Awaited<ReturnType<H[K]>>>;
}

/** Writes bench/results/<name>.json with the machine context every result file carries. */
export function writeResults(
  name: string,
  site: BenchSite,
  payload: Record<string, unknown>,
): string {
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.json`);
  const body = {
    date: new Date().toISOString(),
    chromium: site.browser.version(),
    cpus: cpus().length,
    loadAverageAtStart: site.loadAtStart,
    loadAverageAtEnd: loadavg()[0],
    ...payload,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 1)}\n`);
  console.log(`\nWrote ${file}`);
  return file;
}

/** A headline figure for the summary table `npm run bench` prints at the end. */
export interface Figure {
  name: string;
  /** Median over `runs` (or the one value when runs = 1). */
  value: number;
  unit: 'ms' | 's' | 'MB/s' | 'KB';
  runs: number;
  /** The goal from the issue, when there is one: `value` must be ≤ (or ≥) `limit`. */
  target?: { op: '≤' | '≥'; limit: number };
  note?: string;
}

export function meetsTarget(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  return f.target.op === '≤' ? f.value <= f.target.limit : f.value >= f.target.limit;
}

function formatValue(v: number, unit: Figure['unit']): string {
  const digits = unit === 'ms' ? (v < 10 ? 2 : v < 100 ? 1 : 0) : unit === 's' ? 1 : 0;
  return `${v.toFixed(digits)} ${unit}`;
}

/** Markdown table of figures. Timings are information, never a pass/fail gate on this machine. */
export function figureTable(figures: readonly Figure[]): string {
  const lines = [
    '| benchmark | median | runs | target | vs target | note |',
    '|---|---:|---:|---|---|---|',
  ];
  for (const f of figures) {
    const met = meetsTarget(f);
    const target = f.target ? `${f.target.op} ${f.target.limit} ${f.unit}` : '–';
    const verdict = met === undefined ? '–' : met ? 'met' : 'missed';
    lines.push(
      `| ${f.name} | ${formatValue(f.value, f.unit)} | ${f.runs} | ${target} | ${verdict} | ${f.note ?? ''} |`,
    );
  }
  return lines.join('\n');
}
