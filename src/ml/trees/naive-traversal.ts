/**
 * Reference evaluator over nested tree objects, plus conversion to and from FlatForest.
 *
 * Why: predictForest is tuned for speed; this file is deliberately the obvious recursive
 * version so tests can check the fast path against it exactly. It follows the same
 * summation order as flat-forest.ts (see the contract there).
 */
import type { FlatForest } from './flat-forest';

export interface LeafNode {
  leaf: number;
}

export interface SplitNode {
  feature: number;
  /** Go left when x[feature] <= threshold. */
  threshold: number;
  /** Where a NaN feature value goes. */
  missingLeft: boolean;
  left: TreeNode;
  right: TreeNode;
}

export type TreeNode = LeafNode | SplitNode;

function isLeaf(node: TreeNode): node is LeafNode {
  return 'leaf' in node;
}

/** Leaf value one tree gives one row, by plain recursion. */
export function evalTreeNaive(node: TreeNode, row: ArrayLike<number>): number {
  if (isLeaf(node)) return node.leaf;
  const v = row[node.feature];
  if (v === undefined) throw new RangeError(`row has no feature ${node.feature}`);
  let goLeft: boolean;
  if (Number.isNaN(v)) goLeft = node.missingLeft;
  else goLeft = v <= node.threshold;
  return evalTreeNaive(goLeft ? node.left : node.right, row);
}

/** Ensemble prediction for one row with the FlatForest aggregation semantics. */
export function predictNaive(
  trees: readonly TreeNode[],
  baseScore: number,
  aggregation: 'sum' | 'mean',
  row: ArrayLike<number>,
): number {
  if (aggregation === 'sum') {
    let acc = baseScore;
    for (const tree of trees) acc += evalTreeNaive(tree, row);
    return acc;
  }
  if (trees.length === 0) return baseScore;
  let acc = 0;
  for (const tree of trees) acc += evalTreeNaive(tree, row);
  return acc / trees.length + baseScore;
}

function countNodes(node: TreeNode): number {
  return isLeaf(node) ? 1 : 1 + countNodes(node.left) + countNodes(node.right);
}

/** Lays trees out in pre-order (parent before children), tree after tree. */
export function flattenTrees(
  trees: readonly TreeNode[],
  nFeatures: number,
  baseScore: number,
  aggregation: 'sum' | 'mean',
): FlatForest {
  let nNodes = 0;
  for (const tree of trees) nNodes += countNodes(tree);
  const forest: FlatForest = {
    nFeatures,
    feature: new Int32Array(nNodes),
    threshold: new Float64Array(nNodes),
    left: new Int32Array(nNodes),
    right: new Int32Array(nNodes),
    missingLeft: new Uint8Array(nNodes),
    value: new Float64Array(nNodes),
    roots: new Int32Array(trees.length),
    baseScore,
    aggregation,
  };
  let next = 0;
  const write = (node: TreeNode): number => {
    const id = next++;
    if (isLeaf(node)) {
      forest.feature[id] = -1;
      forest.left[id] = -1;
      forest.right[id] = -1;
      forest.value[id] = node.leaf;
      return id;
    }
    if (!Number.isInteger(node.feature) || node.feature < 0 || node.feature >= nFeatures) {
      throw new RangeError(`flattenTrees: feature ${node.feature} outside [0, ${nFeatures})`);
    }
    forest.feature[id] = node.feature;
    forest.threshold[id] = node.threshold;
    forest.missingLeft[id] = node.missingLeft ? 1 : 0;
    forest.left[id] = write(node.left);
    forest.right[id] = write(node.right);
    return id;
  };
  trees.forEach((tree, t) => {
    forest.roots[t] = write(tree);
  });
  return forest;
}

/** Rebuilds tree `treeIndex` of a FlatForest as nested objects. */
export function unflattenTree(forest: FlatForest, treeIndex: number): TreeNode {
  const root = forest.roots[treeIndex];
  if (root === undefined) {
    throw new RangeError(`unflattenTree: tree ${treeIndex} of ${forest.roots.length}`);
  }
  const read = (id: number): TreeNode => {
    const f = forest.feature[id];
    if (f === undefined) throw new RangeError(`unflattenTree: node ${id} out of range`);
    if (f < 0) return { leaf: forest.value[id]! };
    return {
      feature: f,
      threshold: forest.threshold[id]!,
      missingLeft: forest.missingLeft[id] === 1,
      left: read(forest.left[id]!),
      right: read(forest.right[id]!),
    };
  };
  return read(root);
}
