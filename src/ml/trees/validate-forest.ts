/**
 * Structural check of a FlatForest.
 *
 * Why: a decoded or hand-built forest with a bad child index would make predictForest read
 * out of bounds or loop forever. Requiring every child index to be greater than its parent's
 * (true of the pre-order layout all our writers use) makes every walk terminate.
 */
import type { FlatForest } from './flat-forest';

/** Throws an Error naming the first problem found; returns the forest otherwise. */
export function validateForest(forest: FlatForest): FlatForest {
  const { feature, threshold, left, right, missingLeft, value, roots, nFeatures } = forest;
  const n = feature.length;
  const fail = (msg: string): never => {
    throw new Error(`invalid forest: ${msg}`);
  };
  if (!Number.isInteger(nFeatures) || nFeatures < 0) fail(`nFeatures ${nFeatures}`);
  if (forest.aggregation !== 'sum' && forest.aggregation !== 'mean') {
    fail(`aggregation ${String(forest.aggregation)}`);
  }
  if (
    threshold.length !== n ||
    left.length !== n ||
    right.length !== n ||
    missingLeft.length !== n ||
    value.length !== n
  ) {
    fail('node arrays differ in length');
  }
  for (let i = 0; i < n; i++) {
    const f = feature[i]!;
    const l = left[i]!;
    const r = right[i]!;
    const m = missingLeft[i]!;
    if (m > 1) fail(`node ${i}: missingLeft ${m} is not 0 or 1`);
    if (f === -1) {
      if (l !== -1 || r !== -1) fail(`leaf ${i} has children`);
    } else {
      if (f < 0 || f >= nFeatures) fail(`node ${i}: feature ${f} outside [0, ${nFeatures})`);
      if (l <= i || l >= n || r <= i || r >= n) fail(`node ${i}: children ${l}, ${r} invalid`);
    }
  }
  for (let t = 0; t < roots.length; t++) {
    const root = roots[t]!;
    if (root < 0 || root >= n) fail(`tree ${t}: root ${root} outside [0, ${n})`);
  }
  return forest;
}
