import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/domain/math/random';
import { predictForest } from '../src/ml/trees/flat-forest';
import { trainGbdt } from '../src/ml/trees/gbdt';
import { trainRandomForest } from '../src/ml/trees/random-forest';
import { figureTable, withBenchSite, type Figure } from './browser-harness';
import { coldLoadFigures, runColdLoadBench } from './cold-load-bench';
import { engineFigures, runEngineBench } from './engine-bench';
import { exploreFigures, explorePartsFromArgv, runExploreBench } from './explore-bench';
import { runTrainingBench, trainingFigures } from './training-bench';

/**
 * npm run bench: medians of repeated runs, printed as tables and written to bench/results/*.json.
 * Timings on a shared 2-core machine are noisy; compare ratios within one run, never assert them in tests.
 * Node side here: the tree learners and evaluator (bench/results/bench.json). Then, unless
 * `npm run bench -- --node-only`, the site is built once (dist-pages-bench), served once and
 * driven in one headless Chromium (bench/browser-harness.ts) by the browser benches:
 *   - bench/engine-bench.ts: the engine per TF.js backend (engine-bench.json);
 *   - bench/training-bench.ts: in-browser training (training-bench.json);
 *   - bench/explore-bench.ts: CSV ingest, describe/correlation/PCA, chart draw (explore-bench.json);
 *   - bench/cold-load-bench.ts: cold load to the first dose (cold-load-bench.json).
 * A summary table of the headline figures against the issues' targets ends the run; a missed
 * target is reported, not failed (the machine is shared).
 */
interface Result {
  name: string;
  medianMs: number;
  runs: number;
  note: string;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

function time(name: string, runs: number, note: string, fn: () => void): Result {
  fn(); // warm-up: JIT and caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { name, medianMs: median(samples), runs, note };
}

/** 20k × 20 regression data: y = 3·sin(x0) + x1·x2 + noise, 5 % NaN in x3. */
function data(n: number, p: number) {
  const rng = createRng(1);
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[i * p + j] = rng.uniform(-2, 2);
    if (rng.next() < 0.05) x[i * p + 3] = Number.NaN;
    y[i] =
      3 * Math.sin(x[i * p] as number) +
      (x[i * p + 1] as number) * (x[i * p + 2] as number) +
      0.3 * rng.normal();
  }
  return { x, y };
}

/** The Node benches (tree learners and evaluator): prints their table, writes bench.json. */
function runNodeBench(): Figure[] {
  const n = 20_000;
  const p = 20;
  const { x, y } = data(n, p);
  const results: Result[] = [];
  results.push(
    time('GBDT train, 200 trees depth 6, 20k × 20', 3, 'target < 10 s', () => {
      trainGbdt(x, y, n, p, { nTrees: 200, maxDepth: 6, learningRate: 0.1, seed: 1 });
    }),
  );
  results.push(
    time('Random forest train, 100 trees depth 10, 20k × 20', 3, 'target < 20 s', () => {
      trainRandomForest(x, y, n, p, { nTrees: 100, maxDepth: 10, seed: 1 });
    }),
  );
  const { forest } = trainGbdt(x, y, n, p, {
    nTrees: 200,
    maxDepth: 6,
    learningRate: 0.1,
    seed: 1,
  });
  const xs = x.subarray(0, 10_000 * p);
  results.push(
    time('Flat-forest predict, 10k rows × 200 trees', 9, 'target < 150 ms', () => {
      predictForest(forest, xs, 10_000);
    }),
  );
  results.push(
    time('Flat-forest predict, 1 row × 200 trees', 201, 'single prediction', () => {
      predictForest(forest, xs.subarray(0, p), 1);
    }),
  );

  console.log('| benchmark | median | runs | note |\n|---|---:|---:|---|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.medianMs.toFixed(3)} ms | ${r.runs} | ${r.note} |`);
  const outDir = join(import.meta.dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'bench.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 1)}\n`,
  );
  console.log(`\nWrote ${join(outDir, 'bench.json')}`);

  const nodeFigures: Figure[] = results
    .filter((r) => r.runs < 100)
    .map((r) => {
      const limit = /target < ([\d.]+) (s|ms)/.exec(r.note);
      const seconds = limit?.[2] === 's';
      return {
        name: r.name,
        value: seconds ? r.medianMs / 1000 : r.medianMs,
        unit: seconds ? 's' : 'ms',
        runs: r.runs,
        ...(limit ? { target: { op: '≤' as const, limit: Number(limit[1]) } } : {}),
        note: 'Node',
      };
    });
  return nodeFigures;
}

/**
 * `--only a,b` runs just the named benches: `node` and the browser benches engine, training,
 * explore, cold-load (e.g. `npm run bench -- --only explore --parts analysis`; `--parts` is
 * explore-bench.ts's own filter). Without it, everything runs.
 */
const BENCHES = ['node', 'engine', 'training', 'explore', 'cold-load'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? undefined : (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean);
const badOnly = only?.filter((b) => !(BENCHES as readonly string[]).includes(b)) ?? [];
if (only && (only.length === 0 || badOnly.length > 0))
  throw new Error(
    `--only: expected some of ${BENCHES.join(', ')}, got "${process.argv[onlyAt + 1]}"`,
  );
const wanted = (name: (typeof BENCHES)[number]) => !only || only.includes(name);

const nodeFigures = wanted('node') ? runNodeBench() : [];

if (process.argv.includes('--node-only') || (only && only.every((b) => b === 'node'))) {
  console.log(`\nSummary:\n\n${figureTable(nodeFigures)}`);
} else {
  const figures = [...nodeFigures];
  await withBenchSite(async (site) => {
    // One bench failing (a backend missing, a timeout) should not hide the others' figures.
    const parts: [(typeof BENCHES)[number], () => Promise<Figure[]>][] = [
      ['engine', async () => engineFigures(await runEngineBench(site))],
      ['training', async () => trainingFigures(await runTrainingBench(site))],
      [
        'explore',
        async () => exploreFigures(await runExploreBench(site, explorePartsFromArgv(process.argv))),
      ],
      ['cold-load', async () => coldLoadFigures(await runColdLoadBench(site))],
    ];
    for (const [name, run] of parts.filter(([name]) => wanted(name))) {
      try {
        figures.push(...(await run()));
      } catch (error) {
        process.exitCode = 1;
        console.error(`\n${name} bench failed:`, error);
      }
    }
  });
  console.log(
    `\nSummary (load average ${loadavg()[0]?.toFixed(2)} at the end; targets are information, not a gate):\n\n${figureTable(figures)}`,
  );
}
