/**
 * One tree while it is grown: node fields in growable arrays with tree-local indices,
 * plus the split bin so the learner can route already-binned rows without thresholds.
 *
 * Nodes are appended in pre-order (a node's children get larger indices), matching the
 * FlatForest layout requirement checked by validate-forest.ts.
 */
import { MISSING_BIN } from './histogram-binning';

export class TreeBuffer {
  readonly feature: number[] = [];
  /** Split goes left when 1 <= bin <= splitBin (bin 0 = missing follows missingLeft). */
  readonly splitBin: number[] = [];
  readonly threshold: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly missingLeft: number[] = [];
  readonly value: number[] = [];

  get size(): number {
    return this.feature.length;
  }

  /** Appends a leaf and returns its local index. */
  addLeaf(value: number): number {
    this.feature.push(-1);
    this.splitBin.push(0);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.missingLeft.push(0);
    this.value.push(value);
    return this.feature.length - 1;
  }

  /** Turns leaf `id` into a split; children are attached with setChildren. */
  setSplit(
    id: number,
    feature: number,
    bin: number,
    threshold: number,
    missingLeft: boolean,
  ): void {
    this.feature[id] = feature;
    this.splitBin[id] = bin;
    this.threshold[id] = threshold;
    this.missingLeft[id] = missingLeft ? 1 : 0;
    this.value[id] = 0;
  }

  setChildren(id: number, left: number, right: number): void {
    this.left[id] = left;
    this.right[id] = right;
  }

  /**
   * Leaf value for row `row` of a column-major binned matrix ([nFeatures, nRows]).
   * Equivalent to walking the real thresholds, by the binning invariant.
   */
  predictBinned(binned: Uint8Array, nRows: number, row: number): number {
    const { feature, splitBin, left, right, missingLeft, value } = this;
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const b = binned[f * nRows + row]!;
      const goLeft = b === MISSING_BIN ? missingLeft[node] === 1 : b <= splitBin[node]!;
      node = goLeft ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    return value[node]!;
  }

  /** Adds this tree's output for every row to acc (acc[i] += leaf(i)). */
  addPredictionsBinned(binned: Uint8Array, nRows: number, acc: Float64Array): void {
    for (let i = 0; i < nRows; i++) acc[i] = acc[i]! + this.predictBinned(binned, nRows, i);
  }
}
