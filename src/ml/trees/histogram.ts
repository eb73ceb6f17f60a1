/**
 * Gradient/hessian histograms over binned features.
 *
 * Layout: one Float64Array per node. Feature f owns slots offsets[f] .. offsets[f]+nBins[f]-1
 * (slot = one bin); slot s stores [sumGrad, sumHess, count] at 3s, 3s+1, 3s+2.
 * Interleaving keeps one bin's three sums in one cache line during both building and the
 * split scan. Only the features a node uses are (re)written; the rest are stale.
 */

export interface HistogramLayout {
  /** First slot of each feature. */
  offsets: Int32Array;
  /** Bins per feature (including the missing bin). */
  nBins: Int32Array;
  /** Length of a histogram array: 3 * total slots. */
  length: number;
}

export function histogramLayout(nBins: Int32Array): HistogramLayout {
  const offsets = new Int32Array(nBins.length);
  let slots = 0;
  for (let f = 0; f < nBins.length; f++) {
    offsets[f] = slots;
    slots += nBins[f]!;
  }
  return { offsets, nBins, length: 3 * slots };
}

/**
 * Fills the histograms of features[0..nFeat) from rows[start..end).
 * `binned` is column-major [nFeatures, nRows]; orderedGrad/orderedHess are scratch of
 * length >= end - start (gradients gathered in row order so the per-feature loop streams).
 */
export function buildHistograms(
  hist: Float64Array,
  layout: HistogramLayout,
  binned: Uint8Array,
  nRows: number,
  features: Int32Array,
  nFeat: number,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  orderedGrad: Float64Array,
  orderedHess: Float64Array,
): void {
  const len = end - start;
  for (let k = 0; k < len; k++) {
    const r = rows[start + k]!;
    orderedGrad[k] = grad[r]!;
    orderedHess[k] = hess[r]!;
  }
  for (let j = 0; j < nFeat; j++) {
    const f = features[j]!;
    const base = 3 * layout.offsets[f]!;
    hist.fill(0, base, base + 3 * layout.nBins[f]!);
    const col = f * nRows;
    for (let k = 0; k < len; k++) {
      const s = base + 3 * binned[col + rows[start + k]!]!;
      hist[s] = hist[s]! + orderedGrad[k]!;
      hist[s + 1] = hist[s + 1]! + orderedHess[k]!;
      hist[s + 2] = hist[s + 2]! + 1;
    }
  }
}

/** target -= small on features[0..nFeat): the sibling trick (larger child = parent − smaller). */
export function subtractHistograms(
  target: Float64Array,
  small: Float64Array,
  layout: HistogramLayout,
  features: Int32Array,
  nFeat: number,
): void {
  for (let j = 0; j < nFeat; j++) {
    const f = features[j]!;
    const base = 3 * layout.offsets[f]!;
    const stop = base + 3 * layout.nBins[f]!;
    for (let s = base; s < stop; s++) target[s] = target[s]! - small[s]!;
  }
}
