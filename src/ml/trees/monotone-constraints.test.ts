import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictForest, type FlatForest } from './flat-forest';
import { encodeForest } from './forest-codec';
import { trainGbdt } from './gbdt';
import { monotoneVector } from './monotone-constraints';
import { Prng } from './prng';
import { trainRandomForest } from './random-forest';

/**
 * Confounded data, as at a plant: y rises with x0 (operators dose more when water is bad), while
 * x1 and x2 carry the rest. A model constrained non-increasing in x0 must stay so everywhere.
 */
function confounded(seed: number, n: number, slope: number) {
  const rng = new Prng(seed);
  const p = 3;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < p; f++) x[i * p + f] = rng.nextFloat() * 6 - 3;
    if (rng.nextFloat() < 0.05) x[i * p + 2] = NaN;
    const x0 = x[i * p] as number;
    const x1 = x[i * p + 1] as number;
    y[i] = slope * x0 + Math.sin(2 * x1) + 0.3 * (rng.nextFloat() - 0.5);
  }
  return { x, y, p };
}

/** Predictions along a grid of x0 with the other features held at random values. */
function profiles(forest: FlatForest, seed: number, p: number, nProfiles: number): number[][] {
  const rng = new Prng(seed);
  const grid = Array.from({ length: 61 }, (_, i) => -3.3 + 0.11 * i);
  const out: number[][] = [];
  for (let k = 0; k < nProfiles; k++) {
    const others = Array.from({ length: p - 1 }, () => rng.nextFloat() * 6 - 3);
    const rows = new Float64Array(grid.length * p);
    grid.forEach((v, i) => {
      rows[i * p] = v;
      others.forEach((o, j) => (rows[i * p + 1 + j] = o));
    });
    out.push(Array.from(predictForest(forest, rows, grid.length)));
  }
  return out;
}

const nonIncreasing = (v: number[]) => v.every((x, i) => i === 0 || x <= (v[i - 1] as number));
const nonDecreasing = (v: number[]) => v.every((x, i) => i === 0 || x >= (v[i - 1] as number));

describe('monotone constraints', () => {
  it('property: a constrained GBDT is non-increasing in x0 whatever the data says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        (seed, slope, maxDepth) => {
          const { x, y, p } = confounded(seed, 400, slope);
          const { forest } = trainGbdt(x, y, 400, p, {
            nTrees: 30,
            maxDepth,
            learningRate: 0.2,
            minSamplesLeaf: 5,
            monotone: [-1, 0, 0],
            seed,
          });
          return profiles(forest, seed + 1, p, 5).every(nonIncreasing);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('property: a constrained random forest is non-decreasing in x0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (seed, slope) => {
          const { x, y, p } = confounded(seed, 300, -slope);
          const { forest } = trainRandomForest(x, y, 300, p, {
            nTrees: 10,
            maxDepth: 8,
            minSamplesLeaf: 3,
            maxFeatures: 2,
            monotone: [1, 0, 0],
            seed,
          });
          return profiles(forest, seed + 2, p, 10).every(nonDecreasing);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('the unconstrained model follows the confounding; the constrained one is flat in x0', () => {
    const { x, y, p } = confounded(7, 1000, 1);
    const params = { nTrees: 60, maxDepth: 4, learningRate: 0.2, minSamplesLeaf: 10, seed: 7 };
    const free = trainGbdt(x, y, 1000, p, params).forest;
    const held = trainGbdt(x, y, 1000, p, { ...params, monotone: [-1, 0, 0] }).forest;
    const rise = (f: FlatForest) =>
      profiles(f, 3, p, 10).map((v) => (v[v.length - 1] as number) - (v[0] as number));
    expect(Math.min(...rise(free))).toBeGreaterThan(3); // the data's slope of 1 over 6 units
    expect(Math.max(...rise(held))).toBeLessThanOrEqual(0);
  });

  it('when the data agrees with the constraint, the fit is as good as without it', () => {
    const { x, y, p } = confounded(11, 1000, -1);
    const params = { nTrees: 80, maxDepth: 4, learningRate: 0.2, minSamplesLeaf: 10, seed: 11 };
    const loss = (f: FlatForest) => {
      const pred = predictForest(f, x, 1000);
      return pred.reduce((s, v, i) => s + (v - (y[i] as number)) ** 2, 0) / 1000;
    };
    const free = loss(trainGbdt(x, y, 1000, p, params).forest);
    const held = loss(trainGbdt(x, y, 1000, p, { ...params, monotone: [-1, 0, 0] }).forest);
    expect(held).toBeLessThan(free * 1.2);
  });

  it('an all-zero constraint is the unconstrained learner, byte for byte', () => {
    const { x, y, p } = confounded(5, 300, 1);
    const params = { nTrees: 10, maxDepth: 4, seed: 5 };
    const a = encodeForest(trainGbdt(x, y, 300, p, params).forest);
    const b = encodeForest(trainGbdt(x, y, 300, p, { ...params, monotone: [0, 0, 0] }).forest);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it('rejects a constraint of the wrong length or with other values', () => {
    expect(() => monotoneVector('t', [1, 0], 3)).toThrow(RangeError);
    expect(() => monotoneVector('t', [2, 0, 0], 3)).toThrow(RangeError);
    expect(monotoneVector('t', [0, 0, 0], 3)).toBeUndefined();
    expect(monotoneVector('t', [0, -1, 0], 3)).toEqual(Int8Array.from([0, -1, 0]));
  });
});
