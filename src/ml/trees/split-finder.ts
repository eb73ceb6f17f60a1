/**
 * Best split of one node from its histograms (XGBoost/LightGBM second-order gain).
 *
 * For a child with gradient sum G and hessian sum H, the optimal leaf is −G/(H+λ) and its
 * score G²/(H+λ); gain = scoreLeft + scoreRight − scoreParent (twice the loss reduction).
 * Each threshold "value bins 1..b go left" is tried with missing values sent right and,
 * when the node has missing values, left; without missing values they follow the larger
 * child so unseen NaNs land where most training rows went.
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
  };
}

export interface SplitConstraints {
  lambdaL2: number;
  /** Rows per child, >= 1. */
  minSamplesLeaf: number;
  /** Gain must exceed this (>= 0). */
  minSplitGain: number;
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
): void {
  const lambda = c.lambdaL2;
  const minLeaf = c.minSamplesLeaf;
  const parentScore = (totGrad * totGrad) / (totHess + lambda);
  best.gain = c.minSplitGain;
  best.feature = -1;
  for (let j = 0; j < nFeat; j++) {
    const f = features[j]!;
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
          best.gain = gain;
          best.feature = f;
          best.bin = b;
          // With no missing rows here, NaN follows the larger child.
          best.missingLeft = cM === 0 && cL >= cR;
          best.leftGrad = gL;
          best.leftHess = hL;
          best.leftCount = cL;
          best.childScore = sL + sR;
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
            best.gain = gain;
            best.feature = f;
            best.bin = b;
            best.missingLeft = true;
            best.leftGrad = gL2;
            best.leftHess = hL2;
            best.leftCount = cL2;
            best.childScore = sL + sR;
          }
        }
      }
    }
  }
  // A split that does not change any leaf value can still show a gain of a few ulps.
  if (best.feature >= 0 && best.gain <= GAIN_NOISE * best.childScore) best.feature = -1;
}
