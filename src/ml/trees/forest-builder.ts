/** Concatenates grown trees into one FlatForest (absolute node indices, pre-order). */
import type { FlatForest } from './flat-forest';
import type { TreeBuffer } from './tree-buffer';

export function buildFlatForest(
  trees: readonly TreeBuffer[],
  nFeatures: number,
  baseScore: number,
  aggregation: 'sum' | 'mean',
): FlatForest {
  let nNodes = 0;
  for (const t of trees) nNodes += t.size;
  const feature = new Int32Array(nNodes);
  const threshold = new Float64Array(nNodes);
  const left = new Int32Array(nNodes);
  const right = new Int32Array(nNodes);
  const missingLeft = new Uint8Array(nNodes);
  const value = new Float64Array(nNodes);
  const roots = new Int32Array(trees.length);
  let base = 0;
  trees.forEach((tree, t) => {
    roots[t] = base;
    for (let i = 0; i < tree.size; i++) {
      const j = base + i;
      const f = tree.feature[i]!;
      feature[j] = f;
      threshold[j] = tree.threshold[i]!;
      missingLeft[j] = tree.missingLeft[i]!;
      value[j] = tree.value[i]!;
      left[j] = f < 0 ? -1 : base + tree.left[i]!;
      right[j] = f < 0 ? -1 : base + tree.right[i]!;
    }
    base += tree.size;
  });
  return {
    nFeatures,
    feature,
    threshold,
    left,
    right,
    missingLeft,
    value,
    roots,
    baseScore,
    aggregation,
  };
}
