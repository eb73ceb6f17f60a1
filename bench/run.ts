import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../src/domain/math/random';
import { predictForest } from '../src/ml/trees/flat-forest';
import { trainGbdt } from '../src/ml/trees/gbdt';
import { trainRandomForest } from '../src/ml/trees/random-forest';

/**
 * npm run bench: medians of repeated runs, printed as a table and written to bench/results/bench.json.
 * Timings on a shared 2-core machine are noisy; compare ratios within one run, never assert them in tests.
 * Node side here: the tree learners and evaluator. Then bench/engine-bench.ts builds the site and
 * measures the engine in headless Chromium per TF.js backend (bench/results/engine-bench.json),
 * and bench/training-bench.ts times in-browser training (bench/results/training-bench.json);
 * `npm run bench -- --node-only` skips both.
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
const { forest } = trainGbdt(x, y, n, p, { nTrees: 200, maxDepth: 6, learningRate: 0.1, seed: 1 });
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

if (!process.argv.includes('--node-only')) {
  const { runEngineBench } = await import('./engine-bench');
  await runEngineBench();
  // In-browser training (bench/training-bench.ts) on the build the engine bench just made.
  const { runTrainingBench } = await import('./training-bench');
  await runTrainingBench({ dist: process.env.BENCH_DIST ?? 'dist-pages-bench' });
}
