/**
 * Split-conformal calibration: turn held-out residuals into an interval
 * half-width with finite-sample coverage ≥ 1 − α for exchangeable data.
 *
 * Given n calibration scores, the guarantee needs the k-th smallest score with
 * k = ⌈(n + 1)(1 − α)⌉ (i.e. the ⌈(n+1)(1−α)⌉/n empirical quantile, no
 * interpolation). When k > n (too few calibration rows for that α) no finite
 * width can give the guarantee, and the result is +Infinity.
 */

/** Validates α and returns k = ⌈(n + 1)(1 − α)⌉ for n scores. */
function conformalRank(n: number, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`conformal: alpha must be in (0, 1), got ${alpha}`);
  }
  // Shave a few ulps so e.g. (99 + 1)·(1 − 0.1) lands on 90, not ⌈90.000000000000014⌉ = 91.
  return Math.ceil((n + 1) * (1 - alpha) - 1e-9);
}

/** k-th smallest (1-based) of `scores`, or +Infinity when k exceeds the count. */
function kthSmallest(scores: Float64Array, k: number): number {
  if (scores.length === 0 || k > scores.length) return Infinity;
  const sorted = Float64Array.from(scores).sort();
  return sorted[Math.max(k, 1) - 1] as number;
}

/**
 * Half-width q for intervals ŷ ± q.
 * absResiduals: [n] |y − ŷ| on a calibration split (NaN rows are skipped;
 * n counts the rest). alpha: miscoverage, 0.1 for 90 % intervals.
 * Returns +Infinity when n < ⌈(n + 1)(1 − α)⌉, e.g. n = 0 or n < 9 at α = 0.1.
 */
export function conformalQuantile(absResiduals: ArrayLike<number>, alpha: number): number {
  const scores: number[] = [];
  for (let i = 0; i < absResiduals.length; i++) {
    const r = absResiduals[i] as number;
    if (!Number.isNaN(r)) scores.push(Math.abs(r));
  }
  return kthSmallest(Float64Array.from(scores), conformalRank(scores.length, alpha));
}

/**
 * Normalised (locally adaptive) variant for intervals ŷ(x) ± q · scale(x).
 * Scores are |residual_i| / scale_i; q is their conformal quantile.
 * absResiduals, scales: [n] aligned per calibration row (e.g. scale = a
 * predicted spread or ensemble std). Rows where either is NaN are skipped.
 * Throws RangeError on a scale ≤ 0 or ±Infinity: floor scales beforehand
 * (e.g. max(scale, small ε)) so the interval never collapses to zero width.
 */
export function conformalQuantileScaled(
  absResiduals: ArrayLike<number>,
  scales: ArrayLike<number>,
  alpha: number,
): number {
  if (absResiduals.length !== scales.length) {
    throw new RangeError(
      `conformalQuantileScaled: ${absResiduals.length} residuals but ${scales.length} scales`,
    );
  }
  const scores: number[] = [];
  for (let i = 0; i < absResiduals.length; i++) {
    const r = absResiduals[i] as number;
    const s = scales[i] as number;
    if (Number.isNaN(r) || Number.isNaN(s)) continue;
    if (!(s > 0 && s < Infinity)) {
      throw new RangeError(
        `conformalQuantileScaled: scale ${i} is ${s}; scales must be finite and > 0`,
      );
    }
    scores.push(Math.abs(r) / s);
  }
  return kthSmallest(Float64Array.from(scores), conformalRank(scores.length, alpha));
}
