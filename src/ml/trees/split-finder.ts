/**
 * Best split of one node from its histograms (XGBoost/LightGBM second-order gain).
 *
 * For a child with gradient sum G and hessian sum H, the optimal leaf is −G/(H+λ) and its
 * score G²/(H+λ); gain = scoreLeft + scoreRight − scoreParent (twice the loss reduction).
 * Each threshold "value bins 1..b go left" is tried with missing values sent right and,
 * when the node has missing values, left; without missing values they follow the larger
 * child so unseen NaNs land where most training rows went.
 *
 * Monotone constraints (LightGBM's "basic" method): a node carries bounds [lower, upper] on its
 * unscaled output w = −G/(H+λ). Candidate children outputs are clamped to the bounds and scored
 * at the clamped value (score(w) = −(2Gw + (H+λ)w²), which is G²/(H+λ) at the optimum); a split
 * on a feature constrained increasing (+1) must give wLeft ≤ wRight, decreasing (−1) wLeft ≥
 * wRight. The grower then splits the bounds at the children's midpoint, so every leaf below the
 * left child stays on its side of every leaf below the right one: the tree is monotone in that
 * feature for any values of the others.
 */
import type { HistogramLayout } from './histogram';

export interface SplitInfo {
  gain: number;
  /** -1 when no acceptable split was found. */
  feature: number;
  /** Left = value bins 1..bin. */
  bin: number;
  missingLeft: boolean;
  leftGrad: number;
  leftHess: number;
  leftCount: number;
  /** scoreLeft + scoreRight of the chosen split, to judge gain against rounding noise. */
  childScore: number;
  /** Unscaled outputs −G/(H+λ) of the children, clamped to the node's bounds. */
  leftOutput: number;
  rightOutput: number;
}

export function emptySplit(): SplitInfo {
  return {
    gain: 0,
    feature: -1,
    bin: 0,
    missingLeft: false,
    leftGrad: 0,
    leftHess: 0,
    leftCount: 0,
    childScore: 0,
    leftOutput: 0,
    rightOutput: 0,
  };
}

export interface SplitConstraints {
  lambdaL2: number;
  /** Rows per child, >= 1. */
  minSamplesLeaf: number;
  /** Gain must exceed this (>= 0). */
  minSplitGain: number;
  /** Per feature: +1 increasing, −1 decreasing, 0 free. Absent: no constraint. */
  monotone?: Int8Array;
}

/** Bounds on a node's unscaled output −G/(H+λ); (−∞, ∞) when no constraint applies. */
export interface OutputBounds {
  lower: number;
  upper: number;
}

export const UNBOUNDED: OutputBounds = { lower: -Infinity, upper: Infinity };

const clamp = (w: number, b: OutputBounds): number => Math.min(b.upper, Math.max(b.lower, w));

/** Loss reduction score of a leaf with sums (G, H) at output w: the optimum gives G²/(H+λ). */
const scoreAt = (g: number, h: number, w: number): number => -(2 * g * w + h * w * w);

/**
 * Score of a node with sums (g, h + λ = hl) at its output clamped to bounds. Only used on
 * constrained nodes, so the unconstrained search keeps its plain arithmetic.
 */
function constrainedScore(g: number, hl: number, bounds: OutputBounds): number {
  return scoreAt(g, hl, clamp(-g / hl, bounds));
}

/** Writes a better candidate into `best` (called only on improvement, so off the hot path). */
function recordSplit(
  best: SplitInfo,
  gain: number,
  feature: number,
  bin: number,
  missingLeft: boolean,
  leftGrad: number,
  leftHess: number,
  leftCount: number,
  childScore: number,
  leftOutput: number,
  rightOutput: number,
): void {
  best.gain = gain;
  best.feature = feature;
  best.bin = bin;
  best.missingLeft = missingLeft;
  best.leftGrad = leftGrad;
  best.leftHess = leftHess;
  best.leftCount = leftCount;
  best.childScore = childScore;
  best.leftOutput = leftOutput;
  best.rightOutput = rightOutput;
}

/** Relative size below which a gain is indistinguishable from floating-point noise. */
const GAIN_NOISE = 1e-12;

/**
 * Finds the best split of a node over features[0..nFeat) and writes it into `best`
 * (best.feature = -1 when none beats the constraints). Ties keep the earliest candidate.
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  features: Int32Array,
  nFeat: number,
  totGrad: number,
  totHess: number,
  totCount: number,
  c: SplitConstraints,
  best: SplitInfo,
  bounds: OutputBounds = UNBOUNDED,
): void {
  const lambda = c.lambdaL2;
  const minLeaf = c.minSamplesLeaf;
  const bounded = Number.isFinite(bounds.lower) || Number.isFinite(bounds.upper);
  const parentScore = bounded
    ? constrainedScore(totGrad, totHess + lambda, bounds)
    : (totGrad * totGrad) / (totHess + lambda);
  best.gain = c.minSplitGain;
  best.feature = -1;
  for (let j = 0; j < nFeat; j++) {
    const f = features[j]!;
    const mono = c.monotone?.[f] ?? 0;
    if (bounded || mono !== 0) {
      findConstrainedSplit(
        hist,
        layout,
        f,
        mono,
        totGrad,
        totHess,
        totCount,
        parentScore,
        c,
        bounds,
        best,
      );
      continue;
    }
    const base = 3 * layout.offsets[f]!;
    const k = layout.nBins[f]! - 1; // value bins 1..k
    const gM = hist[base]!;
    const hM = hist[base + 1]!;
    const cM = hist[base + 2]!;
    let gL = 0;
    let hL = 0;
    let cL = 0;
    for (let b = 1; b <= k; b++) {
      const s = base + 3 * b;
      const cB = hist[s + 2]!;
      // An empty bin (other than the last) gives the same partition as the bin before it.
      if (cB === 0 && b < k) continue;
      gL += hist[s]!;
      hL += hist[s + 1]!;
      cL += cB;
      // Missing right: the right child only shrinks as b grows, in both options.
      const cR = totCount - cL;
      if (cR < minLeaf) break;
      if (cL >= minLeaf) {
        const gR = totGrad - gL;
        const sL = (gL * gL) / (hL + lambda);
        const sR = (gR * gR) / (totHess - hL + lambda);
        const gain = sL + sR - parentScore;
        if (gain > best.gain) {
          // With no missing rows here, NaN follows the larger child.
          const wL = -gL / (hL + lambda);
          const wR = -gR / (totHess - hL + lambda);
          recordSplit(best, gain, f, b, cM === 0 && cL >= cR, gL, hL, cL, sL + sR, wL, wR);
        }
      }
      // Missing left (only distinct from the above when this node has missing rows).
      if (cM > 0 && b < k) {
        const cL2 = cL + cM;
        if (cL2 >= minLeaf && totCount - cL2 >= minLeaf) {
          const gL2 = gL + gM;
          const hL2 = hL + hM;
          const gR = totGrad - gL2;
          const sL = (gL2 * gL2) / (hL2 + lambda);
          const sR = (gR * gR) / (totHess - hL2 + lambda);
          const gain = sL + sR - parentScore;
          if (gain > best.gain) {
            const wL = -gL2 / (hL2 + lambda);
            const wR = -gR / (totHess - hL2 + lambda);
            recordSplit(best, gain, f, b, true, gL2, hL2, cL2, sL + sR, wL, wR);
          }
        }
      }
    }
  }
  // A split that does not change any leaf value can still show a gain of a few ulps.
  if (best.feature >= 0 && best.gain <= GAIN_NOISE * best.childScore) best.feature = -1;
}

/**
 * The same scan as findBestSplit for one feature of a constrained node: outputs clamped to the
 * node's bounds, and for a monotone feature only candidates whose outputs are ordered.
 */
function findConstrainedSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  f: number,
  mono: number,
  totGrad: number,
  totHess: number,
  totCount: number,
  parentScore: number,
  c: SplitConstraints,
  bounds: OutputBounds,
  best: SplitInfo,
): void {
  const lambda = c.lambdaL2;
  const minLeaf = c.minSamplesLeaf;
  const base = 3 * layout.offsets[f]!;
  const k = layout.nBins[f]! - 1;
  const gM = hist[base]!;
  const hM = hist[base + 1]!;
  const cM = hist[base + 2]!;
  const consider = (gL: number, hL: number, cL: number, missingLeft: boolean, b: number) => {
    if (cL < minLeaf || totCount - cL < minLeaf) return;
    const gR = totGrad - gL;
    const hR = totHess - hL;
    const wL = clamp(-gL / (hL + lambda), bounds);
    const wR = clamp(-gR / (hR + lambda), bounds);
    if ((mono > 0 && wL > wR) || (mono < 0 && wL < wR)) return;
    const sL = scoreAt(gL, hL + lambda, wL);
    const sR = scoreAt(gR, hR + lambda, wR);
    const gain = sL + sR - parentScore;
    if (gain > best.gain)
      recordSplit(best, gain, f, b, missingLeft, gL, hL, cL, Math.abs(sL) + Math.abs(sR), wL, wR);
  };
  let gL = 0;
  let hL = 0;
  let cL = 0;
  for (let b = 1; b <= k; b++) {
    const s = base + 3 * b;
    const cB = hist[s + 2]!;
    if (cB === 0 && b < k) continue;
    gL += hist[s]!;
    hL += hist[s + 1]!;
    cL += cB;
    if (totCount - cL < minLeaf) break;
    consider(gL, hL, cL, cM === 0 && cL >= totCount - cL, b);
    if (cM > 0 && b < k) consider(gL + gM, hL + hM, cL + cM, true, b);
  }
}
