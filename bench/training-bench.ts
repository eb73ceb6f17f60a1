import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { TrainingMapping } from '../src/domain/training-mapping';
// Brings in the `window.__modelsTest` declaration.
import type {} from '../src/features/models/test-hook';

/**
 * In-browser training benchmark: the Models area's training worker (the code the wizard runs) on
 * generated data (src/features/models/bench-data.ts: hourly rows, every one labelled), driven in
 * headless Chromium through the `?test` hook. The headline figure is the standard budget on
 * 10k rows × 10 inputs (target ≤ 90 s, what the wizard promises for "Estándar"); the quick budget
 * on the same table is measured too. One run each: a run is tens of seconds and the figure is a
 * wall-clock budget, not a micro-benchmark. Run alone with `tsx bench/training-bench.ts`, or
 * through `npm run bench`. BENCH_DIST=<dir> reuses a build (base '/'); BENCH_TRAIN_PORT picks the
 * port (4192).
 */
const root = join(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_TRAIN_PORT ?? 4192);
export const TRAINING_TARGET_S = 90;

interface Case {
  rows: number;
  features: number;
  budget: TrainingMapping['budget'];
  target?: number;
}

const CASES: Case[] = [
  { rows: 10_000, features: 10, budget: 'standard', target: TRAINING_TARGET_S },
  { rows: 10_000, features: 10, budget: 'quick' },
];

export interface TrainingBenchRow extends Case {
  ok: boolean;
  /** Seconds inside the worker (what the result step shows). */
  seconds: number;
  /** From the page's call to the pack coming back (worker start, transfer included). */
  wallSeconds: number;
  backend: string;
  detail: string;
  /** Seconds per `stage: member`, from the progress messages. */
  breakdown: Record<string, number>;
}

function build(): string {
  if (process.env.BENCH_DIST) return process.env.BENCH_DIST;
  const outDir = 'dist-pages-training-bench'; // dist-pages-* is ignored by git, ESLint, Prettier
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: root,
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

async function runCase(page: Page, c: Case): Promise<TrainingBenchRow> {
  const r = await page.evaluate(
    ([rows, features, budget]) => {
      const hook = window.__modelsTest;
      if (!hook) throw new Error('no __modelsTest hook');
      return hook.benchTrain(rows, features, budget);
    },
    [c.rows, c.features, c.budget] as const,
  );
  return { ...c, ...r };
}

export function trainingBenchTable(rows: readonly TrainingBenchRow[]): string {
  const lines = [
    '| budget | rows × inputs | in worker | wall | backend | target |',
    '|---|---|---:|---:|---|---|',
  ];
  for (const r of rows) {
    const verdict =
      r.target === undefined
        ? '–'
        : r.ok && r.wallSeconds <= r.target
          ? `≤ ${r.target} s: met`
          : `≤ ${r.target} s: MISSED`;
    lines.push(
      r.ok
        ? `| ${r.budget} | ${r.rows} × ${r.features} | ${r.seconds.toFixed(1)} s | ${r.wallSeconds.toFixed(1)} s | ${r.backend} | ${verdict} |`
        : `| ${r.budget} | ${r.rows} × ${r.features} | failed: ${r.detail} |||| ${verdict} |`,
    );
  }
  return lines.join('\n');
}

export async function runTrainingBench(
  options: { dist?: string } = {},
): Promise<TrainingBenchRow[]> {
  const dist = options.dist ?? build();
  const vite = join(root, 'node_modules', '.bin', 'vite');
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const load0 = loadavg()[0] ?? 0;
  try {
    // Own process group, so stopping it by pid also stops what it started.
    server = spawn(
      vite,
      ['preview', '--outDir', dist, '--port', String(PORT), '--strictPort', '--bypass-lock'],
      { cwd: root, env: { ...process.env, BASE_PATH: '/' }, stdio: 'ignore', detached: true },
    );
    await waitForServer(`http://localhost:${PORT}/`, 30_000);
    const executablePath =
      process.env.CHROMIUM_PATH ||
      (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage();
    page.setDefaultTimeout(10 * 60_000);
    await page.goto(`http://localhost:${PORT}/?test#/modelos`);
    await page.waitForFunction(() => window.__modelsTest !== undefined);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const rows: TrainingBenchRow[] = [];
    for (const c of CASES) rows.push(await runCase(page, c));

    console.log(
      `\nIn-browser training, headless Chromium (${cores} logical cores; load average ${load0.toFixed(2)} at start):\n`,
    );
    console.log(trainingBenchTable(rows));
    for (const r of rows) {
      const top = Object.entries(r.breakdown)
        .filter(([, s]) => s >= 0.5)
        .sort((a, b) => b[1] - a[1])
        .map(([k, s]) => `${k} ${s.toFixed(1)} s`);
      console.log(`\n${r.budget}: where the time goes: ${top.join(' · ')}`);
    }
    const outDir = join(root, 'bench', 'results');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'training-bench.json');
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          chromium: browser.version(),
          cpus: cpus().length,
          loadAverageAtStart: load0,
          loadAverageAtEnd: loadavg()[0],
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
  await runTrainingBench();
}
