import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictForest, predictForestRow, predictTreesPerRow } from './flat-forest';
import type { TreeNode } from './naive-traversal';
import { evalTreeNaive, flattenTrees, predictNaive, unflattenTree } from './naive-traversal';

const N_FEATURES = 3;

// Values and thresholds share a few "hot" numbers so ties (v === threshold) actually occur.
const hot = fc.constantFrom(-1, -0, 0, 0.5, 1, 2, NaN, Infinity, -Infinity);
const anyValue = fc.oneof(hot, fc.double());

const treeArb: fc.Arbitrary<TreeNode> = fc.letrec<{
  node: TreeNode;
  leaf: TreeNode;
  split: TreeNode;
}>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('split')),
  leaf: fc.record({ leaf: fc.double({ noNaN: true }) }),
  split: fc.record({
    feature: fc.integer({ min: 0, max: N_FEATURES - 1 }),
    threshold: anyValue,
    missingLeft: fc.boolean(),
    left: tie('node'),
    right: tie('node'),
  }),
})).node;

const rowsArb = fc
  .array(fc.array(anyValue, { minLength: N_FEATURES, maxLength: N_FEATURES }), {
    minLength: 1,
    maxLength: 20,
  })
  .map((rows) => ({ n: rows.length, x: Float64Array.from(rows.flat()) }));

describe('predictForest', () => {
  it('equals the naive recursive traversal exactly (random trees, NaN inputs)', () => {
    fc.assert(
      fc.property(
        fc.array(treeArb, { minLength: 0, maxLength: 6 }),
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        fc.constantFrom('sum' as const, 'mean' as const),
        rowsArb,
        (trees, baseScore, aggregation, { n, x }) => {
          const forest = flattenTrees(trees, N_FEATURES, baseScore, aggregation);
          const fast = predictForest(forest, x, n);
          for (let r = 0; r < n; r++) {
            const row = x.subarray(r * N_FEATURES, (r + 1) * N_FEATURES);
            const naive = predictNaive(trees, baseScore, aggregation, row);
            expect(Object.is(fast[r], naive)).toBe(true);
            expect(Object.is(predictForestRow(forest, row), naive)).toBe(true);
          }
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });

  it('per-tree outputs match each tree evaluated alone', () => {
    fc.assert(
      fc.property(fc.array(treeArb, { minLength: 1, maxLength: 4 }), rowsArb, (trees, { n, x }) => {
        const forest = flattenTrees(trees, N_FEATURES, 0, 'sum');
        const per = predictTreesPerRow(forest, x, n);
        for (let r = 0; r < n; r++) {
          const row = x.subarray(r * N_FEATURES, (r + 1) * N_FEATURES);
          trees.forEach((tree, t) => {
            expect(Object.is(per[r * trees.length + t], evalTreeNaive(tree, row))).toBe(true);
          });
        }
      }),
      { seed: 2, numRuns: 100 },
    );
  });

  it('flatten then unflatten gives the same trees', () => {
    fc.assert(
      fc.property(fc.array(treeArb, { minLength: 1, maxLength: 4 }), (trees) => {
        const forest = flattenTrees(trees, N_FEATURES, 0, 'mean');
        trees.forEach((tree, t) => expect(unflattenTree(forest, t)).toEqual(tree));
      }),
      { seed: 3, numRuns: 100 },
    );
  });

  it('handles many rows across several blocks and an empty mean forest', () => {
    const trees: TreeNode[] = [
      { feature: 0, threshold: 0.5, missingLeft: true, left: { leaf: 1 }, right: { leaf: 2 } },
    ];
    const forest = flattenTrees(trees, 1, 10, 'sum');
    const n = 5000;
    const x = new Float64Array(n).map((_, i) => (i % 3 === 0 ? NaN : i % 2));
    const out = predictForest(forest, x, n);
    for (let i = 0; i < n; i++) expect(out[i]).toBe(i % 3 === 0 || i % 2 === 0 ? 11 : 12);
    const empty = flattenTrees([], 1, 7, 'mean');
    expect(Array.from(predictForest(empty, new Float64Array([1, 2]), 2))).toEqual([7, 7]);
  });

  it('rejects x shorter than nRows * nFeatures', () => {
    const forest = flattenTrees([{ leaf: 1 }], 3, 0, 'sum');
    expect(() => predictForest(forest, new Float64Array(5), 2)).toThrow(RangeError);
  });
});
