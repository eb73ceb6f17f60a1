import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictForest } from './flat-forest';
import { encodeForest } from './forest-codec';
import { trainGbdt } from './gbdt';
import { binValue } from './histogram-binning';
import { meanLoss } from './losses';
import { Prng } from './prng';

/** Row-major features uniform in [-3, 3], with a fraction of NaN; y from `fn` plus noise. */
function makeData(
  seed: number,
  n: number,
  nF: number,
  fn: (row: Float64Array) => number,
  opts: { noise?: number; nanRate?: number } = {},
): { x: Float64Array; y: Float64Array } {
  const rng = new Prng(seed);
  const x = new Float64Array(n * nF);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * nF, (i + 1) * nF);
    for (let f = 0; f < nF; f++) row[f] = rng.nextFloat() * 6 - 3;
    y[i] = fn(row) + (opts.noise ?? 0) * (rng.nextFloat() - 0.5);
    for (let f = 0; f < nF; f++) if (rng.nextFloat() < (opts.nanRate ?? 0)) row[f] = NaN;
  }
  return { x, y };
}

const mse = (p: Float64Array, y: Float64Array): number => meanLoss('squared', 1, p, y);

describe('trainGbdt', () => {
  it('splits the hand example between 3 and 4 and predicts 1 and 5', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const y = Float64Array.from([1, 1, 1, 5, 5, 5]);
    const { forest } = trainGbdt(x, y, 6, 1, {
      nTrees: 1,
      maxDepth: 1,
      learningRate: 1,
      lambdaL2: 0,
      minSamplesLeaf: 1,
      subsample: 1,
      colsample: 1,
    });
    expect(forest.baseScore).toBe(3);
    expect(forest.aggregation).toBe('sum');
    expect(forest.feature[0]).toBe(0);
    expect(forest.threshold[0]).toBe(3.5);
    expect(Array.from(predictForest(forest, x, 6))).toEqual([1, 1, 1, 5, 5, 5]);
    expect(Array.from(predictForest(forest, Float64Array.from([3.4, 3.6, -9, 99]), 4))).toEqual([
      1, 5, 1, 5,
    ]);
  });

  it('property: one split never increases training squared loss', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(NaN)),
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          ),
          { minLength: 2, maxLength: 60 },
        ),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        (pairs, learningRate, lambdaL2, minSamplesLeaf) => {
          const n = pairs.length;
          const x = Float64Array.from(pairs.map((p) => p[0]));
          const y = Float64Array.from(pairs.map((p) => p[1]));
          const r = trainGbdt(x, y, n, 1, {
            nTrees: 1,
            maxDepth: 1,
            learningRate,
            lambdaL2,
            minSamplesLeaf,
            subsample: 1,
            colsample: 1,
          });
          const before = mse(new Float64Array(n).fill(r.forest.baseScore), y);
          const after = mse(predictForest(r.forest, x, n), y);
          expect(after).toBeLessThanOrEqual(before * (1 + 1e-12) + 1e-12);
          expect(after).toBe(r.trainLoss[0]);
        },
      ),
      { seed: 31, numRuns: 150 },
    );
  });

  it('property: predictions are constant on cells of the bin grid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 12 }),
        (seed, maxBins) => {
          const nF = 3;
          const { x, y } = makeData(seed, 300, nF, (r) => r[0]! * r[1]! + Math.cos(r[2]!), {
            noise: 0.5,
            nanRate: 0.1,
          });
          const { forest, binMapper } = trainGbdt(x, y, 300, nF, {
            nTrees: 15,
            maxDepth: 3,
            minSamplesLeaf: 3,
            maxBins,
            learningRate: 0.3,
            seed,
          });
          const rng = new Prng(seed + 1);
          const u = new Float64Array(nF);
          const v = new Float64Array(nF);
          for (let trial = 0; trial < 40; trial++) {
            for (let f = 0; f < nF; f++) {
              const edges = binMapper.upperEdges[f]!;
              u[f] = rng.nextFloat() < 0.1 ? NaN : rng.nextFloat() * 8 - 4;
              const b = binValue(edges, u[f]!);
              // Another point of the same bin: its upper edge when finite, else u itself.
              const edge = b > 0 ? edges[b - 1]! : NaN;
              v[f] = b === 0 ? NaN : Number.isFinite(edge) && rng.nextFloat() < 0.5 ? edge : u[f]!;
              expect(binValue(edges, v[f]!)).toBe(b);
              if (b > 0 && rng.nextFloat() < 0.5) {
                // Or a point between the previous edge (exclusive) and this one.
                const lo = b > 1 ? edges[b - 2]! : u[f]! - 1;
                const hi = Number.isFinite(edge) ? edge : u[f]! + 1;
                const w = lo + (hi - lo) * (0.25 + 0.5 * rng.nextFloat());
                if (binValue(edges, w) === b) v[f] = w;
              }
            }
            const both = Float64Array.from([...u, ...v]);
            const [pu, pv] = predictForest(forest, both, 2);
            expect(pv).toBe(pu);
          }
        },
      ),
      { seed: 32, numRuns: 25 },
    );
  });

  it('learns y = sin(x0) + noise far better than the mean, on held-out rows', () => {
    const nF = 5;
    const { x, y } = makeData(5, 3000, nF, (r) => Math.sin(r[0]!), { noise: 0.2 });
    const nTrain = 2400;
    const r = trainGbdt(x.subarray(0, nTrain * nF), y.subarray(0, nTrain), nTrain, nF, {
      nTrees: 150,
      learningRate: 0.1,
      maxDepth: 4,
    });
    const xTest = x.subarray(nTrain * nF);
    const yTest = y.subarray(nTrain);
    const testMse = mse(predictForest(r.forest, xTest, 600), yTest);
    const baseline = mse(new Float64Array(600).fill(r.forest.baseScore), yTest);
    expect(testMse).toBeLessThan(0.1 * baseline);
    // Noise is uniform ±0.1, variance 0.2²/12 ≈ 0.0033; the fit should be close to it.
    expect(testMse).toBeLessThan(0.02);
    for (let i = 1; i < r.trainLoss.length; i++) {
      expect(r.trainLoss[i]!).toBeLessThanOrEqual(r.trainLoss[i - 1]! * 1.05);
    }
  });

  it('handles missing values: NaN features never give NaN predictions, and NaN is informative', () => {
    const nF = 3;
    const n = 2000;
    const { x, y } = makeData(8, n, nF, (r) => Math.sin(r[0]!) + 0.5 * r[1]!, {
      noise: 0.1,
      nanRate: 0.2,
    });
    // Make missingness itself predictive on feature 2.
    for (let i = 0; i < n; i++) if (Number.isNaN(x[i * nF + 2]!)) y[i] = y[i]! + 3;
    const r = trainGbdt(x, y, n, nF, { nTrees: 100, learningRate: 0.1, maxDepth: 4 });
    const probe = new Float64Array(50 * nF).map((_, i) => (i % 2 === 0 ? NaN : i / 100 - 1));
    probe.fill(NaN, 0, nF); // an all-NaN row
    for (const p of predictForest(r.forest, probe, 50)) expect(Number.isFinite(p)).toBe(true);
    const pred = predictForest(r.forest, x, n);
    const baseline = mse(new Float64Array(n).fill(r.forest.baseScore), y);
    expect(mse(pred, y)).toBeLessThan(0.2 * baseline);
    // The +3 carried by missing feature 2 is learned: residuals on those rows average ~0.
    let resid = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(x[i * nF + 2]!)) continue;
      resid += pred[i]! - y[i]!;
      count++;
    }
    expect(Math.abs(resid / count)).toBeLessThan(0.1);
  });

  it('predictForest reproduces the training predictions exactly', () => {
    const nF = 4;
    const { x, y } = makeData(3, 500, nF, (r) => r[0]! - r[1]! ** 2, { noise: 1, nanRate: 0.05 });
    const r = trainGbdt(x, y, 500, nF, { nTrees: 30, subsample: 0.7, colsample: 0.5 });
    expect(mse(predictForest(r.forest, x, 500), y)).toBe(r.trainLoss.at(-1));
  });

  it('is deterministic: same seed gives identical bytes, another seed differs', () => {
    const nF = 6;
    const { x, y } = makeData(4, 800, nF, (r) => r[0]! * r[5]!, { noise: 0.3, nanRate: 0.05 });
    const params = { nTrees: 20, subsample: 0.8, colsample: 0.7, seed: 99 };
    const a = new Uint8Array(encodeForest(trainGbdt(x, y, 800, nF, params).forest));
    const b = new Uint8Array(encodeForest(trainGbdt(x, y, 800, nF, params).forest));
    const c = new Uint8Array(
      encodeForest(trainGbdt(x, y, 800, nF, { ...params, seed: 100 }).forest),
    );
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('early stopping keeps the best prefix of trees', () => {
    const nF = 3;
    const { x, y } = makeData(6, 1200, nF, (r) => r[0]!, { noise: 4 });
    const nT = 600;
    const r = trainGbdt(
      x.subarray(0, nT * nF),
      y.subarray(0, nT),
      nT,
      nF,
      { nTrees: 500, learningRate: 0.5, maxDepth: 6, minSamplesLeaf: 2, earlyStoppingRounds: 10 },
      { xValid: x.subarray(nT * nF), yValid: y.subarray(nT) },
    );
    const valid = r.validLoss!;
    expect(valid.length).toBeLessThan(500);
    expect(valid.length).toBe(r.bestIteration + 10);
    expect(r.forest.roots.length).toBe(r.bestIteration);
    expect(Math.min(...valid)).toBe(valid[r.bestIteration - 1]);
    const validPred = predictForest(r.forest, x.subarray(nT * nF), 1200 - nT);
    expect(mse(validPred, y.subarray(nT))).toBe(valid[r.bestIteration - 1]);
    expect(() => trainGbdt(x, y, 1200, nF, { earlyStoppingRounds: 5 })).toThrow(/xValid/);
  });

  it('supports Huber loss, which resists outliers', () => {
    const nF = 2;
    const { x, y } = makeData(12, 1000, nF, (r) => 2 * r[0]!, { noise: 0.2 });
    const clean = Float64Array.from(y);
    for (let i = 0; i < 1000; i += 20) y[i] = y[i]! + 200; // 5% gross outliers
    const common = { nTrees: 100, learningRate: 0.1, maxDepth: 3 };
    const sq = trainGbdt(x, y, 1000, nF, { ...common, loss: 'squared' });
    const hub = trainGbdt(x, y, 1000, nF, { ...common, loss: 'huber', huberDelta: 1 });
    const errSq = mse(predictForest(sq.forest, x, 1000), clean);
    const errHub = mse(predictForest(hub.forest, x, 1000), clean);
    expect(errHub).toBeLessThan(errSq);
  });

  it('reports progress and aborts with an AbortError', () => {
    const { x, y } = makeData(1, 200, 2, (r) => r[0]!);
    const seen: number[] = [];
    trainGbdt(
      x,
      y,
      200,
      2,
      { nTrees: 5 },
      { onProgress: (done, total) => seen.push(done * 10 + total) },
    );
    expect(seen).toEqual([15, 25, 35, 45, 55]);
    let calls = 0;
    const run = () => trainGbdt(x, y, 200, 2, { nTrees: 50 }, { shouldStop: () => ++calls > 3 });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(calls).toBe(4);
  });

  it('rejects bad shapes and parameters', () => {
    const x = new Float64Array(10);
    const y = new Float64Array(5);
    expect(() => trainGbdt(x, y, 5, 3)).toThrow(RangeError);
    expect(() => trainGbdt(x, y, 5, 2, { maxBins: 300 })).toThrow(/maxBins/);
    expect(() => trainGbdt(x, Float64Array.from([1, 2, NaN, 4, 5]), 5, 2)).toThrow(/finite/);
  });
});
