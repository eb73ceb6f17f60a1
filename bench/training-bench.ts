import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { TrainingMapping } from '../src/domain/training-mapping';
// Brings in the `window.__modelsTest` declaration.
import type {} from '../src/features/models/test-hook';
import { onSite, writeResults, type BenchSite, type Figure } from './browser-harness';

/**
 * In-browser training benchmark: the Models area's training worker (the code the wizard runs) on
 * generated data (src/features/models/bench-data.ts: hourly rows, every one labelled), driven in
 * headless Chromium through the `?test` hook. The headline figure is the standard budget on
 * 10k rows × 10 inputs (target ≤ 90 s, what the wizard promises for "Estándar"); the quick budget
 * on the same table is measured too. One run each: a run is tens of seconds and the figure is a
 * wall-clock budget, not a micro-benchmark. Run alone with `tsx bench/training-bench.ts`, or
 * through `npm run bench` (bench/browser-harness.ts builds, serves and launches the browser).
 */
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

export function trainingFigures(rows: readonly TrainingBenchRow[]): Figure[] {
  return rows
    .filter((r) => r.ok)
    .map((r) => ({
      name: `In-browser training, ${r.budget} budget, ${r.rows / 1000}k × ${r.features}`,
      value: r.wallSeconds,
      unit: 's' as const,
      runs: 1,
      ...(r.target === undefined ? {} : { target: { op: '≤' as const, limit: r.target } }),
      note: `${r.backend}; ${r.seconds.toFixed(1)} s inside the worker`,
    }));
}

export function runTrainingBench(site?: BenchSite): Promise<TrainingBenchRow[]> {
  return onSite(site, async (s) => {
    const page = await s.browser.newPage();
    page.setDefaultTimeout(10 * 60_000);
    try {
      await page.goto(`${s.url}?test#/modelos`);
      await page.waitForFunction(() => window.__modelsTest !== undefined);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const rows: TrainingBenchRow[] = [];
      for (const c of CASES) rows.push(await runCase(page, c));

      console.log(
        `\nIn-browser training, headless Chromium (${cores} logical cores; load average ${s.loadAtStart.toFixed(2)} at start):\n`,
      );
      console.log(trainingBenchTable(rows));
      for (const r of rows) {
        const top = Object.entries(r.breakdown)
          .filter(([, sec]) => sec >= 0.5)
          .sort((a, b) => b[1] - a[1])
          .map(([k, sec]) => `${k} ${sec.toFixed(1)} s`);
        console.log(`\n${r.budget}: where the time goes: ${top.join(' · ')}`);
      }
      writeResults('training-bench', s, { rows });
      return rows;
    } finally {
      await page.close();
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runTrainingBench();
}
