import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictForest } from './flat-forest';
import { encodeForest } from './forest-codec';
import { meanLoss } from './losses';
import { Prng } from './prng';
import { trainRandomForest } from './random-forest';

function makeData(
  seed: number,
  n: number,
  nF: number,
  fn: (row: Float64Array) => number,
  nanRate = 0,
): { x: Float64Array; y: Float64Array } {
  const rng = new Prng(seed);
  const x = new Float64Array(n * nF);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * nF, (i + 1) * nF);
    for (let f = 0; f < nF; f++) row[f] = rng.nextFloat() * 6 - 3;
    y[i] = fn(row) + 0.2 * (rng.nextFloat() - 0.5);
    for (let f = 0; f < nF; f++) if (rng.nextFloat() < nanRate) row[f] = NaN;
  }
  return { x, y };
}

const mse = (p: Float64Array, y: Float64Array): number => meanLoss('squared', 1, p, y);

describe('trainRandomForest', () => {
  it('property: predictions lie within [min(y), max(y)]', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(NaN)),
            fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(NaN)),
            fc.double({ min: -1e4, max: 1e4, noNaN: true }),
          ),
          { minLength: 1, maxLength: 80 },
        ),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.oneof(fc.double(), fc.constant(NaN)), { minLength: 2, maxLength: 40 }),
        (rows, seed, probes) => {
          const n = rows.length;
          const x = Float64Array.from(rows.flatMap((r) => [r[0], r[1]]));
          const y = Float64Array.from(rows.map((r) => r[2]));
          const { forest } = trainRandomForest(x, y, n, 2, {
            nTrees: 7,
            maxDepth: 6,
            minSamplesLeaf: 1,
            maxFeatures: 1,
            seed,
          });
          expect(forest.aggregation).toBe('mean');
          expect(forest.baseScore).toBe(0);
          let lo = Infinity;
          let hi = -Infinity;
          for (const v of y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
          // Leaf means and the mean over trees may round a few ulps past the extremes.
          const tol = 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi));
          const probeX = Float64Array.from(probes.slice(0, probes.length - (probes.length % 2)));
          for (const p of [
            ...predictForest(forest, x, n),
            ...predictForest(forest, probeX, probeX.length / 2),
          ]) {
            expect(p).toBeGreaterThanOrEqual(lo - tol);
            expect(p).toBeLessThanOrEqual(hi + tol);
          }
        },
      ),
      { seed: 41, numRuns: 150 },
    );
  });

  it('fits a nonlinear function, with honest out-of-bag error', () => {
    const nF = 6;
    const { x, y } = makeData(2, 3000, nF, (r) => Math.sin(r[0]!) + (r[1]! > 0 ? 1 : 0), 0.05);
    const nTrain = 2400;
    const r = trainRandomForest(x.subarray(0, nTrain * nF), y.subarray(0, nTrain), nTrain, nF, {
      nTrees: 60,
      maxDepth: 10,
      minSamplesLeaf: 3,
      maxFeatures: 3,
    });
    const yTest = y.subarray(nTrain);
    const testMse = mse(predictForest(r.forest, x.subarray(nTrain * nF), 600), yTest);
    let mean = 0;
    for (const v of yTest) mean += v / yTest.length;
    const baseline = mse(new Float64Array(600).fill(mean), yTest);
    expect(testMse).toBeLessThan(0.15 * baseline);
    // OOB error estimates test error (same order of magnitude) and covers nearly all rows.
    expect(r.oobMse).toBeGreaterThan(0.3 * testMse);
    expect(r.oobMse).toBeLessThan(3 * testMse);
    expect(r.oobPrediction.filter((v) => Number.isNaN(v)).length).toBeLessThan(5);
  });

  it('is deterministic: same seed gives identical bytes, another seed differs', () => {
    const nF = 5;
    const { x, y } = makeData(3, 500, nF, (r) => r[0]! * r[1]!, 0.05);
    const a = new Uint8Array(
      encodeForest(trainRandomForest(x, y, 500, nF, { nTrees: 10, seed: 5 }).forest),
    );
    const b = new Uint8Array(
      encodeForest(trainRandomForest(x, y, 500, nF, { nTrees: 10, seed: 5 }).forest),
    );
    const c = new Uint8Array(
      encodeForest(trainRandomForest(x, y, 500, nF, { nTrees: 10, seed: 6 }).forest),
    );
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('reports progress and aborts with an AbortError', () => {
    const { x, y } = makeData(1, 200, 3, (r) => r[0]!);
    const seen: number[] = [];
    trainRandomForest(x, y, 200, 3, { nTrees: 3 }, { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3]);
    let calls = 0;
    const run = () =>
      trainRandomForest(x, y, 200, 3, { nTrees: 50 }, { shouldStop: () => ++calls > 2 });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('rejects maxFeatures outside [1, nFeatures]', () => {
    const { x, y } = makeData(1, 20, 3, (r) => r[0]!);
    expect(() => trainRandomForest(x, y, 20, 3, { maxFeatures: 4 })).toThrow(/maxFeatures/);
    expect(() => trainRandomForest(x, y, 20, 3, { maxFeatures: 0 })).toThrow(/maxFeatures/);
  });
});
