/**
 * Quantile binning of feature columns for histogram tree learners.
 *
 * Bin convention per feature:
 *   bin 0         NaN (missing) — always reserved, so learners can send missing values
 *                 either way at every split;
 *   bins 1..k     real values, k <= maxBins <= 255, so a bin fits a Uint8.
 * upperEdges[f][b - 1] is the inclusive upper edge of bin b; the last edge is +Infinity.
 * Then for any non-NaN v:  binOf(v) <= b  <=>  v <= upperEdges[f][b - 1],
 * so a learned split "bin <= b" is exactly the FlatForest split "x <= upperEdges[f][b - 1]".
 *
 * Edges sit halfway between consecutive distinct training values (as LightGBM does), so
 * unseen values between them are split at the midpoint rather than hugging one side.
 */

/** Largest number of value bins; with the missing bin the codes span 0..255. */
export const MAX_BINS_LIMIT = 255;
export const MISSING_BIN = 0;

export interface BinMapper {
  nFeatures: number;
  maxBins: number;
  /** Per feature: ascending inclusive upper edges of value bins 1..k; last is +Infinity. */
  upperEdges: Float64Array[];
  /** Per feature: bins including the missing bin (= upperEdges[f].length + 1). */
  nBins: Int32Array;
}

/** A threshold t with a <= t < b, as central as floating point allows. */
function edgeBetween(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  // Rounding, overflow (b - a = Infinity) or -Infinity arithmetic (NaN) fall back to a.
  return mid >= a && mid < b ? mid : a;
}

/**
 * Edges for one column's non-NaN values, sorted ascending. With at most maxBins distinct
 * values every value gets its own bin; otherwise bins are closed greedily once they hold
 * their fair share (remaining rows / remaining bins), so heavy ties get a bin to themselves.
 */
function edgesForSorted(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]!++;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const m = distinct.length;
  const cutsAfter: number[] = [];
  if (m <= maxBins) {
    for (let i = 0; i < m - 1; i++) cutsAfter.push(i);
  } else {
    let binsLeft = maxBins;
    let remaining = n;
    let acc = 0;
    for (let i = 0; i < m - 1 && binsLeft > 1; i++) {
      acc += counts[i]!;
      if (acc >= remaining / binsLeft) {
        cutsAfter.push(i);
        remaining -= acc;
        acc = 0;
        binsLeft--;
      }
    }
  }
  const edges = new Float64Array(cutsAfter.length + 1);
  cutsAfter.forEach((i, k) => {
    edges[k] = edgeBetween(distinct[i]!, distinct[i + 1]!);
  });
  edges[cutsAfter.length] = Infinity;
  return edges;
}

/**
 * Fits bin edges on training rows only (x row-major [nRows, nFeatures]).
 * maxBins counts value bins (2..255); NaN always has its own extra bin 0.
 */
export function fitBins(
  x: Float64Array,
  nRows: number,
  nFeatures: number,
  maxBins: number = MAX_BINS_LIMIT,
): BinMapper {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS_LIMIT) {
    throw new RangeError(`fitBins: maxBins must be an integer in [2, ${MAX_BINS_LIMIT}]`);
  }
  if (x.length < nRows * nFeatures) {
    throw new RangeError(`fitBins: x has ${x.length} values, need ${nRows}*${nFeatures}`);
  }
  const upperEdges: Float64Array[] = [];
  const nBins = new Int32Array(nFeatures);
  const column = new Float64Array(nRows);
  for (let f = 0; f < nFeatures; f++) {
    let k = 0;
    for (let i = 0; i < nRows; i++) {
      const v = x[i * nFeatures + f]!;
      if (!Number.isNaN(v)) column[k++] = v;
    }
    // TypedArray sort is numeric (and puts -0 before +0; they compare equal when deduped).
    const sorted = column.subarray(0, k).sort();
    const edges = edgesForSorted(sorted, maxBins);
    upperEdges.push(edges);
    nBins[f] = edges.length + 1;
  }
  return { nFeatures, maxBins, upperEdges, nBins };
}

/** Bin code of one value: 0 for NaN, else 1 + first edge index with v <= edge. */
export function binValue(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length - 1; // the last edge is +Infinity, so the answer is <= hi
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/** Bins rows of x (row-major [nRows, nFeatures]) into column-major codes [nFeatures, nRows]. */
export function binMatrix(mapper: BinMapper, x: Float64Array, nRows: number): Uint8Array {
  const nF = mapper.nFeatures;
  if (x.length < nRows * nF) {
    throw new RangeError(`binMatrix: x has ${x.length} values, need ${nRows}*${nF}`);
  }
  const out = new Uint8Array(nRows * nF);
  for (let f = 0; f < nF; f++) {
    const edges = mapper.upperEdges[f]!;
    const col = f * nRows;
    for (let i = 0; i < nRows; i++) out[col + i] = binValue(edges, x[i * nF + f]!);
  }
  return out;
}

/** Real threshold equivalent to the split "bin <= bin" on feature f (bin >= 1). */
export function binThreshold(mapper: BinMapper, feature: number, bin: number): number {
  const edges = mapper.upperEdges[feature];
  const t = edges?.[bin - 1];
  if (t === undefined) throw new RangeError(`binThreshold: no bin ${bin} on feature ${feature}`);
  return t;
}
