/**
 * Random-forest regressor on the histogram machinery of tree-grower.ts.
 *
 * Each tree: a bootstrap sample (draws with replacement), maxFeatures ("mtry") features drawn
 * afresh at every node, leaves = mean of y (gradient −y, unit hessian, no L2). FlatForest
 * aggregation 'mean', baseScore 0. Out-of-bag predictions come for free and are returned, since a stacked
 * ensemble needs honest level-1 inputs.
 *
 * Determinism: tree t uses Prng(deriveSeed(seed, t)) only.
 */
import { checkRange, checkTrainingData } from './check-training-data';
import type { FlatForest } from './flat-forest';
import { buildFlatForest } from './forest-builder';
import type { BinMapper } from './histogram-binning';
import { MAX_BINS_LIMIT, binMatrix, fitBins } from './histogram-binning';
import { Prng, deriveSeed } from './prng';
import type { TrainingCallbacks } from './training-control';
import { throwIfStopped } from './training-control';
import type { TreeBuffer } from './tree-buffer';
import { monotoneOption } from './monotone-constraints';
import { HistogramTreeGrower } from './tree-grower';

export interface RandomForestParams {
  nTrees: number;
  /** Split levels per tree (root = depth 0). */
  maxDepth: number;
  /** Minimum bootstrap rows (duplicates counted) in each leaf. */
  minSamplesLeaf: number;
  /**
   * Features drawn per split ("mtry"), 1..nFeatures; undefined → max(1, floor(nFeatures / 3)),
   * the usual regression default.
   */
  maxFeatures?: number;
  /** Value bins per feature, 2..255 (NaN gets one more). */
  maxBins: number;
  seed: number;
  /** Bootstrap draws per tree as a fraction of nRows, (0, 1]. */
  sampleFraction: number;
  /** Per feature −1 / 0 / +1 (monotone-constraints.ts); absent: unconstrained. */
  monotone?: readonly number[];
}

export const DEFAULT_RANDOM_FOREST_PARAMS: Readonly<RandomForestParams> = {
  nTrees: 100,
  maxDepth: 12,
  minSamplesLeaf: 5,
  maxBins: MAX_BINS_LIMIT,
  seed: 42,
  sampleFraction: 1,
};

export interface RandomForestResult {
  forest: FlatForest;
  binMapper: BinMapper;
  /** Per training row: mean of the trees that did not see it; NaN when every tree did. */
  oobPrediction: Float64Array;
  /** MSE of oobPrediction over rows that have one (NaN when none do). */
  oobMse: number;
}

/** Fills defaults and checks ranges; throws RangeError naming the bad parameter. */
export function resolveRandomForestParams(
  params: Partial<RandomForestParams>,
  nFeatures: number,
): RandomForestParams & { maxFeatures: number } {
  const p = { ...DEFAULT_RANDOM_FOREST_PARAMS, ...params };
  const who = 'trainRandomForest';
  checkRange(who, 'nTrees', p.nTrees, 1, 1e6, true);
  checkRange(who, 'maxDepth', p.maxDepth, 0, 64, true);
  checkRange(who, 'minSamplesLeaf', p.minSamplesLeaf, 1, Number.MAX_SAFE_INTEGER, true);
  checkRange(who, 'maxBins', p.maxBins, 2, MAX_BINS_LIMIT, true);
  checkRange(who, 'seed', p.seed, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  checkRange(who, 'sampleFraction', p.sampleFraction, Number.MIN_VALUE, 1);
  const maxFeatures = p.maxFeatures ?? Math.max(1, Math.floor(nFeatures / 3));
  checkRange(who, 'maxFeatures', maxFeatures, 1, nFeatures, true);
  return { ...p, maxFeatures };
}

/**
 * Trains a random-forest regressor. x: row-major [nRows, nFeatures] (NaN = missing);
 * y: [nRows]. Throws an Error named 'AbortError' when opts.shouldStop() returns true.
 */
export function trainRandomForest(
  x: Float64Array,
  y: Float64Array,
  nRows: number,
  nFeatures: number,
  params: Partial<RandomForestParams> = {},
  opts: TrainingCallbacks = {},
): RandomForestResult {
  checkTrainingData('trainRandomForest', x, y, nRows, nFeatures);
  const p = resolveRandomForestParams(params, nFeatures);
  const mapper = fitBins(x, nRows, nFeatures, p.maxBins);
  const binned = binMatrix(mapper, x, nRows);

  // Squared loss at prediction 0: g = −y, h = 1, so −G/H is the leaf's mean of y.
  const grad = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) grad[i] = -y[i]!;
  const hess = new Float64Array(nRows).fill(1);
  const grower = new HistogramTreeGrower(binned, nRows, mapper, {
    maxDepth: p.maxDepth,
    minSamplesLeaf: p.minSamplesLeaf,
    lambdaL2: 0,
    minSplitGain: 0,
    leafScale: 1,
    ...monotoneOption('trainRandomForest', p.monotone, nFeatures),
  });

  const nDraws = Math.max(1, Math.round(p.sampleFraction * nRows));
  const drawCount = new Int32Array(nRows);
  const rows = new Int32Array(nDraws);
  const allFeatures = new Int32Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) allFeatures[f] = f;
  const oobSum = new Float64Array(nRows);
  const oobTrees = new Int32Array(nRows);
  const trees: TreeBuffer[] = [];

  for (let t = 0; t < p.nTrees; t++) {
    throwIfStopped(opts, t);
    const prng = new Prng(deriveSeed(p.seed, t));
    // Bootstrap via per-row draw counts, expanded in ascending row order (cache-friendly).
    drawCount.fill(0);
    for (let d = 0; d < nDraws; d++) {
      const r = prng.nextInt(nRows);
      drawCount[r] = drawCount[r]! + 1;
    }
    let k = 0;
    for (let i = 0; i < nRows; i++) {
      for (let c = drawCount[i]!; c > 0; c--) rows[k++] = i;
    }
    const tree = grower.grow(rows, nDraws, grad, hess, {
      kind: 'per-node',
      features: allFeatures,
      mtry: p.maxFeatures,
      prng,
    });
    trees.push(tree);
    for (let i = 0; i < nRows; i++) {
      if (drawCount[i] === 0) {
        oobSum[i] = oobSum[i]! + tree.predictBinned(binned, nRows, i);
        oobTrees[i] = oobTrees[i]! + 1;
      }
    }
    opts.onProgress?.(t + 1, p.nTrees);
  }

  const oobPrediction = new Float64Array(nRows);
  let se = 0;
  let nOob = 0;
  for (let i = 0; i < nRows; i++) {
    const c = oobTrees[i]!;
    if (c === 0) {
      oobPrediction[i] = NaN;
      continue;
    }
    const v = oobSum[i]! / c;
    oobPrediction[i] = v;
    se += (v - y[i]!) ** 2;
    nOob++;
  }
  return {
    forest: buildFlatForest(trees, nFeatures, 0, 'mean'),
    binMapper: mapper,
    oobPrediction,
    oobMse: nOob > 0 ? se / nOob : NaN,
  };
}
