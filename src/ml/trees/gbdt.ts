/**
 * Histogram gradient-boosted regression trees (LightGBM-style, depth-wise growth).
 *
 * Contract with FlatForest: aggregation 'sum', baseScore = mean(y), learning rate folded into
 * leaf values; the learner accumulates training predictions in the same order
 * (baseScore + tree0 + tree1 + ...), so predictForest reproduces them exactly.
 *
 * Determinism: tree t draws its rows and features from Prng(deriveSeed(seed, t)) only, so
 * the same seed and data give a bit-identical forest on any JS engine.
 */
import { checkRange, checkTrainingData } from './check-training-data';
import type { FlatForest } from './flat-forest';
import { buildFlatForest } from './forest-builder';
import type { BinMapper } from './histogram-binning';
import { MAX_BINS_LIMIT, binMatrix, fitBins } from './histogram-binning';
import type { RegressionLoss } from './losses';
import { computeGradients, meanLoss } from './losses';
import { Prng, deriveSeed } from './prng';
import type { TrainingCallbacks } from './training-control';
import { throwIfStopped } from './training-control';
import type { TreeBuffer } from './tree-buffer';
import { monotoneOption } from './monotone-constraints';
import { HistogramTreeGrower } from './tree-grower';

export interface GbdtParams {
  nTrees: number;
  /** Shrinkage per tree, (0, 1]. */
  learningRate: number;
  /** Split levels per tree (root = depth 0); at most 2^maxDepth leaves. */
  maxDepth: number;
  /** Minimum training rows in each leaf. */
  minSamplesLeaf: number;
  /** L2 penalty λ on leaf values (in hessian units, i.e. rows for these losses). */
  lambdaL2: number;
  /** Fraction of rows drawn (without replacement) for each tree, (0, 1]. */
  subsample: number;
  /** Fraction of features available to each tree, (0, 1]. */
  colsample: number;
  /** Value bins per feature, 2..255 (NaN gets one more). */
  maxBins: number;
  seed: number;
  /** Stop when validation loss has not improved for this many trees (needs a validation set). */
  earlyStoppingRounds?: number;
  loss: RegressionLoss;
  /** Huber transition |residual| in y units (loss 'huber' only). */
  huberDelta: number;
  /** Minimum gain (G²/(H+λ) units) for a split. */
  minSplitGain: number;
  /** Per feature −1 / 0 / +1 (monotone-constraints.ts); absent: unconstrained. */
  monotone?: readonly number[];
}

export const DEFAULT_GBDT_PARAMS: Readonly<GbdtParams> = {
  nTrees: 200,
  learningRate: 0.05,
  maxDepth: 6,
  minSamplesLeaf: 20,
  lambdaL2: 1,
  subsample: 0.8,
  colsample: 0.8,
  maxBins: MAX_BINS_LIMIT,
  seed: 42,
  loss: 'squared',
  huberDelta: 1,
  minSplitGain: 0,
};

export interface GbdtTrainOptions extends TrainingCallbacks {
  /** Validation rows, row-major [nValid, nFeatures]. */
  xValid?: Float64Array;
  yValid?: Float64Array;
  /** Defaults to yValid.length. */
  nValid?: number;
}

export interface GbdtResult {
  forest: FlatForest;
  /**
   * Trees in the returned forest. With early stopping: the 1-based round with the lowest
   * validation loss (later trees are dropped); otherwise every tree trained.
   */
  bestIteration: number;
  /** Mean training loss after each tree (MSE for 'squared', mean Huber loss for 'huber'). */
  trainLoss: number[];
  /** Mean validation loss after each tree, when a validation set was given. */
  validLoss?: number[];
  /** Bin edges fitted on the training rows. */
  binMapper: BinMapper;
}

/** Fills defaults and checks ranges; throws RangeError naming the bad parameter. */
export function resolveGbdtParams(params: Partial<GbdtParams> = {}): GbdtParams {
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...params };
  const who = 'trainGbdt';
  checkRange(who, 'nTrees', p.nTrees, 1, 1e6, true);
  checkRange(who, 'learningRate', p.learningRate, Number.MIN_VALUE, 1);
  checkRange(who, 'maxDepth', p.maxDepth, 0, 30, true);
  checkRange(who, 'minSamplesLeaf', p.minSamplesLeaf, 1, Number.MAX_SAFE_INTEGER, true);
  checkRange(who, 'lambdaL2', p.lambdaL2, 0, Number.MAX_VALUE);
  checkRange(who, 'subsample', p.subsample, Number.MIN_VALUE, 1);
  checkRange(who, 'colsample', p.colsample, Number.MIN_VALUE, 1);
  checkRange(who, 'maxBins', p.maxBins, 2, MAX_BINS_LIMIT, true);
  checkRange(who, 'seed', p.seed, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  checkRange(who, 'huberDelta', p.huberDelta, Number.MIN_VALUE, Number.MAX_VALUE);
  checkRange(who, 'minSplitGain', p.minSplitGain, 0, Number.MAX_VALUE);
  if (p.earlyStoppingRounds !== undefined) {
    checkRange(who, 'earlyStoppingRounds', p.earlyStoppingRounds, 1, 1e6, true);
  }
  if (p.loss !== 'squared' && p.loss !== 'huber') {
    throw new RangeError(`${who}: unknown loss ${String(p.loss)}`);
  }
  return p;
}

interface ValidationSet {
  binned: Uint8Array;
  y: Float64Array;
  n: number;
  pred: Float64Array;
}

function prepareValidation(
  mapper: BinMapper,
  nFeatures: number,
  opts: GbdtTrainOptions,
  baseScore: number,
): ValidationSet | null {
  const { xValid, yValid } = opts;
  if (!xValid && !yValid) return null;
  if (!xValid || !yValid) throw new RangeError('trainGbdt: give both xValid and yValid');
  const n = opts.nValid ?? yValid.length;
  if (yValid.length !== n || xValid.length !== n * nFeatures || n < 1) {
    throw new RangeError(
      `trainGbdt: validation shapes disagree (nValid ${n}, yValid ${yValid.length}, xValid ${xValid.length})`,
    );
  }
  return {
    binned: binMatrix(mapper, xValid, n),
    y: yValid,
    n,
    pred: new Float64Array(n).fill(baseScore),
  };
}

/**
 * Trains a GBDT regressor. x: row-major [nRows, nFeatures] (NaN = missing); y: [nRows].
 * Throws an Error named 'AbortError' when opts.shouldStop() returns true.
 */
export function trainGbdt(
  x: Float64Array,
  y: Float64Array,
  nRows: number,
  nFeatures: number,
  params: Partial<GbdtParams> = {},
  opts: GbdtTrainOptions = {},
): GbdtResult {
  const p = resolveGbdtParams(params);
  checkTrainingData('trainGbdt', x, y, nRows, nFeatures);
  const mapper = fitBins(x, nRows, nFeatures, p.maxBins);
  const binned = binMatrix(mapper, x, nRows);

  let sumY = 0;
  for (let i = 0; i < nRows; i++) sumY += y[i]!;
  const baseScore = sumY / nRows;

  const valid = prepareValidation(mapper, nFeatures, opts, baseScore);
  if (p.earlyStoppingRounds !== undefined && !valid) {
    throw new RangeError('trainGbdt: earlyStoppingRounds needs xValid and yValid');
  }

  const pred = new Float64Array(nRows).fill(baseScore);
  const grad = new Float64Array(nRows);
  const hess = new Float64Array(nRows);
  const grower = new HistogramTreeGrower(binned, nRows, mapper, {
    maxDepth: p.maxDepth,
    minSamplesLeaf: p.minSamplesLeaf,
    lambdaL2: p.lambdaL2,
    minSplitGain: p.minSplitGain,
    leafScale: p.learningRate,
    ...monotoneOption('trainGbdt', p.monotone, nFeatures),
  });

  const nSample = Math.max(1, Math.round(p.subsample * nRows));
  const nCols = Math.max(1, Math.round(p.colsample * nFeatures));
  const rows = new Int32Array(nRows);
  const featurePool = new Int32Array(nFeatures);

  const trees: TreeBuffer[] = [];
  const trainLoss: number[] = [];
  const validLoss: number[] = [];
  let bestLoss = Infinity;
  let bestIteration = 0;

  for (let t = 0; t < p.nTrees; t++) {
    throwIfStopped(opts, t);
    const prng = new Prng(deriveSeed(p.seed, t));
    computeGradients(p.loss, p.huberDelta, pred, y, grad, hess);

    // Row bagging: ascending indices, so histogram gathers walk memory forwards.
    if (nSample < nRows) prng.sampleSorted(nRows, nSample, rows);
    else for (let i = 0; i < nRows; i++) rows[i] = i;

    // Feature fraction: sorted so ties in split gain go to the lower feature index.
    let features: Int32Array;
    if (nCols < nFeatures) {
      for (let f = 0; f < nFeatures; f++) featurePool[f] = f;
      prng.shufflePrefix(featurePool, nCols);
      features = featurePool.slice(0, nCols).sort();
    } else {
      features = new Int32Array(nFeatures);
      for (let f = 0; f < nFeatures; f++) features[f] = f;
    }

    const tree = grower.grow(rows, nSample, grad, hess, { kind: 'per-tree', features });
    trees.push(tree);
    tree.addPredictionsBinned(binned, nRows, pred);
    trainLoss.push(meanLoss(p.loss, p.huberDelta, pred, y));

    let stop = false;
    if (valid) {
      tree.addPredictionsBinned(valid.binned, valid.n, valid.pred);
      const loss = meanLoss(p.loss, p.huberDelta, valid.pred, valid.y);
      validLoss.push(loss);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestIteration = t + 1;
      } else if (
        p.earlyStoppingRounds !== undefined &&
        t + 1 - bestIteration >= p.earlyStoppingRounds
      ) {
        stop = true;
      }
    }
    opts.onProgress?.(t + 1, p.nTrees);
    if (stop) break;
  }

  // Without early stopping every tree is kept; with it, the best prefix.
  const kept = p.earlyStoppingRounds !== undefined ? Math.max(bestIteration, 1) : trees.length;
  const forest = buildFlatForest(trees.slice(0, kept), nFeatures, baseScore, 'sum');
  const result: GbdtResult = { forest, bestIteration: kept, trainLoss, binMapper: mapper };
  if (valid) result.validLoss = validLoss;
  return result;
}
