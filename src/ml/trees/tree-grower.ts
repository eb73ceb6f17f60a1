/**
 * Depth-wise growth of one regression tree from binned data and per-row gradients.
 *
 * Shared by GBDT (leaf = −lr·G/(H+λ)) and random forest (g = −y, h = 1, λ = 0, so the leaf is
 * the mean of y). Rows of the node being split are a contiguous segment of `rows`, partitioned
 * stably in place, so each child's rows stay in ascending order for cache-friendly gathers.
 *
 * Two feature-sampling modes:
 *  - 'per-tree' (GBDT colsample): every node scans the same feature set, so a child's
 *    histogram can be parent − sibling; only the smaller child is built from rows.
 *  - 'per-node' (RF mtry): each node draws its own features, so histograms are built
 *    directly for just those mtry features (cheaper than all-feature subtraction when
 *    mtry ≪ nFeatures and deep trees have many small nodes).
 */
import type { BinMapper } from './histogram-binning';
import { MISSING_BIN } from './histogram-binning';
import type { HistogramLayout } from './histogram';
import { buildHistograms, histogramLayout, subtractHistograms } from './histogram';
import type { Prng } from './prng';
import type { OutputBounds, SplitConstraints } from './split-finder';
import { emptySplit, findBestSplit, UNBOUNDED } from './split-finder';
import { TreeBuffer } from './tree-buffer';

export interface GrowerParams extends SplitConstraints {
  /** Root has depth 0; a tree of maxDepth d has at most 2^d leaves. */
  maxDepth: number;
  /** Leaf value = −leafScale · G / (H + λ); GBDT passes its learning rate, RF 1. */
  leafScale: number;
}

export type FeatureSampling =
  | { kind: 'per-tree'; features: Int32Array }
  | { kind: 'per-node'; features: Int32Array; mtry: number; prng: Prng };

export class HistogramTreeGrower {
  private readonly layout: HistogramLayout;
  private readonly pool: Float64Array[] = [];
  private readonly best = emptySplit();
  private scratch = new Int32Array(0);
  private orderedGrad = new Float64Array(0);
  private orderedHess = new Float64Array(0);
  private nodeFeatures = new Int32Array(0);

  // State of the tree being grown (set by grow()).
  private rows: Int32Array = new Int32Array(0);
  private grad: Float64Array = new Float64Array(0);
  private hess: Float64Array = new Float64Array(0);
  private sampling: FeatureSampling = { kind: 'per-tree', features: new Int32Array(0) };
  private tree = new TreeBuffer();

  /** binned: column-major codes [nFeatures, nRows] from binMatrix. */
  constructor(
    private readonly binned: Uint8Array,
    private readonly nRows: number,
    private readonly mapper: BinMapper,
    private readonly params: GrowerParams,
  ) {
    this.layout = histogramLayout(mapper.nBins);
  }

  /**
   * Grows a tree on rows[0..nSample) (row indices into the binned matrix; duplicates allowed
   * for bootstrap). `rows` is permuted in place. grad/hess are indexed by row.
   */
  grow(
    rows: Int32Array,
    nSample: number,
    grad: Float64Array,
    hess: Float64Array,
    sampling: FeatureSampling,
  ): TreeBuffer {
    if (this.scratch.length < nSample) {
      this.scratch = new Int32Array(nSample);
      this.orderedGrad = new Float64Array(nSample);
      this.orderedHess = new Float64Array(nSample);
    }
    if (sampling.kind === 'per-node' && this.nodeFeatures.length !== sampling.features.length) {
      this.nodeFeatures = sampling.features.slice();
    } else if (sampling.kind === 'per-node') {
      this.nodeFeatures.set(sampling.features);
    }
    this.rows = rows;
    this.grad = grad;
    this.hess = hess;
    this.sampling = sampling;
    this.tree = new TreeBuffer();

    let g = 0;
    let h = 0;
    for (let k = 0; k < nSample; k++) {
      const r = rows[k]!;
      g += grad[r]!;
      h += hess[r]!;
    }
    let hist: Float64Array | null = null;
    if (sampling.kind === 'per-tree' && nSample > 0) {
      hist = this.acquire();
      this.build(hist, sampling.features, sampling.features.length, 0, nSample);
    }
    this.growNode(0, nSample, 0, g, h, nSample, hist, UNBOUNDED);
    return this.tree;
  }

  private acquire(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.layout.length);
  }

  private release(hist: Float64Array | null): void {
    if (hist) this.pool.push(hist);
  }

  private build(
    hist: Float64Array,
    features: Int32Array,
    nFeat: number,
    start: number,
    end: number,
  ): void {
    buildHistograms(
      hist,
      this.layout,
      this.binned,
      this.nRows,
      features,
      nFeat,
      this.rows,
      start,
      end,
      this.grad,
      this.hess,
      this.orderedGrad,
      this.orderedHess,
    );
  }

  /** Stable in-place partition of rows[start..end); returns the first right-hand index. */
  private partition(
    start: number,
    end: number,
    f: number,
    bin: number,
    missingLeft: boolean,
  ): number {
    const rows = this.rows;
    const scratch = this.scratch;
    const binned = this.binned;
    const col = f * this.nRows;
    let nl = start;
    let nr = 0;
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const b = binned[col + r]!;
      if (b === MISSING_BIN ? missingLeft : b <= bin) rows[nl++] = r;
      else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), nl);
    return nl;
  }

  /**
   * Grows the subtree on rows[start..end) with totals (g, h, count) and returns its local
   * node index. `hist` (per-tree mode) holds this node's histograms and is consumed. `bounds`
   * limits the node's unscaled output (monotone constraints; see split-finder.ts).
   */
  private growNode(
    start: number,
    end: number,
    depth: number,
    g: number,
    h: number,
    count: number,
    hist: Float64Array | null,
    bounds: OutputBounds,
  ): number {
    const p = this.params;
    const denom = h + p.lambdaL2;
    // An empty node (only possible for an empty sample) gets 0 rather than 0/0.
    const w = denom > 0 ? -g / denom : 0;
    const id = this.tree.addLeaf(p.leafScale * Math.min(bounds.upper, Math.max(bounds.lower, w)));
    if (depth >= p.maxDepth || count < 2 * p.minSamplesLeaf) {
      this.release(hist);
      return id;
    }
    const sampling = this.sampling;
    let features: Int32Array;
    let nFeat: number;
    if (sampling.kind === 'per-node') {
      nFeat = sampling.prng.shufflePrefix(this.nodeFeatures, sampling.mtry);
      features = this.nodeFeatures;
      hist = this.acquire();
      this.build(hist, features, nFeat, start, end);
    } else {
      features = sampling.features;
      nFeat = features.length;
    }
    if (!hist) return id; // unreachable: per-tree nodes always receive a histogram
    const best = this.best;
    findBestSplit(hist, this.layout, features, nFeat, g, h, count, p, best, bounds);
    if (best.feature < 0) {
      this.release(hist);
      return id;
    }
    const { feature, bin, missingLeft } = best;
    const [leftBounds, rightBounds] = childBounds(bounds, p.monotone?.[feature] ?? 0, best);
    const lg = best.leftGrad;
    const lh = best.leftHess;
    const mid = this.partition(start, end, feature, bin, missingLeft);
    const lc = mid - start;
    const rc = end - mid;
    const threshold = this.mapper.upperEdges[feature]![bin - 1]!;
    this.tree.setSplit(id, feature, bin, threshold, missingLeft);

    let leftHist: Float64Array | null = null;
    let rightHist: Float64Array | null = null;
    if (sampling.kind === 'per-tree') {
      const canSplit = (c: number): boolean => depth + 1 < p.maxDepth && c >= 2 * p.minSamplesLeaf;
      const smallIsLeft = lc <= rc;
      const smallSplittable = canSplit(smallIsLeft ? lc : rc);
      const largeSplittable = canSplit(smallIsLeft ? rc : lc);
      let smallHist: Float64Array | null = null;
      let largeHist: Float64Array | null = null;
      if (smallSplittable || largeSplittable) {
        smallHist = this.acquire();
        if (smallIsLeft) this.build(smallHist, features, nFeat, start, mid);
        else this.build(smallHist, features, nFeat, mid, end);
        if (largeSplittable) {
          subtractHistograms(hist, smallHist, this.layout, features, nFeat);
          largeHist = hist;
        } else this.release(hist);
      } else this.release(hist);
      leftHist = smallIsLeft ? smallHist : largeHist;
      rightHist = smallIsLeft ? largeHist : smallHist;
    } else this.release(hist);

    const l = this.growNode(start, mid, depth + 1, lg, lh, lc, leftHist, leftBounds);
    const r = this.growNode(mid, end, depth + 1, g - lg, h - lh, rc, rightHist, rightBounds);
    this.tree.setChildren(id, l, r);
    return id;
  }
}

/**
 * Children's output bounds after a split: a split on a monotone feature divides the parent's
 * bounds at the midpoint of the two children's outputs; any other split passes them on.
 */
function childBounds(
  parent: OutputBounds,
  mono: number,
  split: { leftOutput: number; rightOutput: number },
): [OutputBounds, OutputBounds] {
  if (mono === 0) return [parent, parent];
  const mid = (split.leftOutput + split.rightOutput) / 2;
  return mono > 0
    ? [
        { lower: parent.lower, upper: mid },
        { lower: mid, upper: parent.upper },
      ]
    : [
        { lower: mid, upper: parent.upper },
        { lower: parent.lower, upper: mid },
      ];
}
