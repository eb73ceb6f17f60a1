/**
 * Small shared pieces for the analysis modules: the series type they accept, time ordering,
 * the median sampling step, a fast NaN-aware argsort / average-rank, and a pairwise-complete
 * Pearson kernel that also reports n. All pure; inputs are never mutated.
 */
import type { Column } from '../data-table';

export type NumberColumn = Extract<Column, { kind: 'number' }>;
export type DatetimeColumn = Extract<Column, { kind: 'datetime' }>;

/** A named numeric series (a table column, or any array of numbers with NaN = missing). */
export interface NamedSeries {
  name: string;
  values: ArrayLike<number>;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Row indices with a non-NaN time, in ascending time order (stable: equal times keep row order).
 * `sorted` is true when those rows were already in order (the common case: no sort was needed).
 */
export function timeOrder(time: ArrayLike<number>): { order: Int32Array; sorted: boolean } {
  let k = 0;
  let sorted = true;
  let prev = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    if (Number.isNaN(t)) continue;
    if (t < prev) sorted = false;
    prev = t;
    k++;
  }
  if (sorted) {
    const order = new Int32Array(k);
    let j = 0;
    for (let i = 0; i < time.length; i++) if (!Number.isNaN(time[i] as number)) order[j++] = i;
    return { order, sorted };
  }
  return { order: argsortValid(time), sorted };
}

/**
 * Median positive difference between consecutive distinct times (in time order), i.e. the
 * table's nominal sampling step. Duplicated timestamps are ignored. NaN when fewer than two
 * distinct times.
 */
export function medianStep(time: ArrayLike<number>): number {
  const { order } = timeOrder(time);
  const diffs = new Float64Array(Math.max(order.length - 1, 0));
  let k = 0;
  for (let j = 1; j < order.length; j++) {
    const d = (time[order[j] as number] as number) - (time[order[j - 1] as number] as number);
    if (d > 0) diffs[k++] = d;
  }
  return medianInPlace(diffs.subarray(0, k));
}

/**
 * Indices of the non-NaN entries of `values`, sorted ascending by value; ties keep index order
 * (−0 and +0 count as equal). A stable LSD radix sort on the IEEE 754 bits (four 16-bit
 * digits): several times faster on a million values than any comparison sort of indices.
 */
export function argsortValid(values: ArrayLike<number>): Int32Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) n++;
  // Keys: the double's two 32-bit halves, mapped so that unsigned order = numeric order (flip
  // every bit of a negative, only the sign bit of a positive).
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  const hiWord = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;
  const loWord = 1 - hiWord;
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let idx = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    f[0] = v === 0 ? 0 : v; // −0 → +0
    const h = u[hiWord] as number;
    const l = u[loWord] as number;
    const negative = h >>> 31 === 1;
    hi[j] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[j] = negative ? ~l >>> 0 : l;
    idx[j] = i;
    j++;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let idx2 = new Int32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4 && n > 0; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let k = 0; k < n; k++) {
      const d = ((word[k] as number) >>> shift) & 0xffff;
      count[d] = (count[d] as number) + 1;
    }
    // A digit shared by every key leaves the order as it is: skip the scatter.
    if (count[((word[0] as number) >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const d = ((word[k] as number) >>> shift) & 0xffff;
      const at = count[d] as number;
      count[d] = at + 1;
      hi2[at] = hi[k] as number;
      lo2[at] = lo[k] as number;
      idx2[at] = idx[k] as number;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [idx, idx2] = [idx2, idx];
  }
  return idx;
}

/**
 * Average ranks (1-based, ties share the mean rank: scipy `rankdata`) of the rows of `order`
 * (from `argsortValid(values)`) that have `mask[row] === 1` (every row when mask is null),
 * written to `out` at their row index. Other rows of `out` are left untouched. Returns how many
 * rows were ranked. O(n): ranking any subset reuses the one sort.
 */
export function ranksOfSubset(
  values: ArrayLike<number>,
  order: Int32Array,
  mask: Uint8Array | null,
  out: Float64Array,
): number {
  const picked = mask ? new Int32Array(order.length) : order;
  let m = order.length;
  if (mask) {
    m = 0;
    for (let k = 0; k < order.length; k++) {
      const row = order[k] as number;
      if (mask[row] === 1) picked[m++] = row;
    }
  }
  let start = 0;
  while (start < m) {
    const v = values[picked[start] as number] as number;
    let end = start + 1;
    while (end < m && values[picked[end] as number] === v) end++;
    const r = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) out[picked[k] as number] = r;
    start = end;
  }
  return m;
}

/** Average ranks of all non-NaN values (NaN stays NaN); same result as domain `rank`, faster. */
export function fastRank(values: ArrayLike<number>): Float64Array<ArrayBuffer> {
  const out = new Float64Array(values.length).fill(NaN);
  ranksOfSubset(values, argsortValid(values), null, out);
  return out;
}

/**
 * Pearson r between x[xStart + i] and y[yStart + i] for i in [0, length), over the pairs where
 * both are non-NaN (pairwise complete), with the number of such pairs. Two passes (means first)
 * for accuracy. r is NaN below 3 pairs or when either side is constant; |r| is clamped to 1.
 * Same value as domain `pearson` on the same pairs, without copying them.
 */
export function pearsonWithN(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  xStart = 0,
  yStart = 0,
  length = Math.min(x.length - xStart, y.length - yStart),
): { r: number; n: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < length; i++) {
    const a = x[xStart + i] as number;
    const b = y[yStart + i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sx += a;
    sy += b;
    n++;
  }
  if (n < 3) return { r: NaN, n };
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < length; i++) {
    const a = x[xStart + i] as number;
    const b = y[yStart + i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    const dx = a - mx;
    const dy = b - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Relative guard: round-off on a constant side leaves sxx ≈ n·(ε·mean)², not exactly 0.
  if (!(sxx > 1e-28 * n * mx * mx) || !(syy > 1e-28 * n * my * my)) return { r: NaN, n };
  const r = sxy / Math.sqrt(sxx * syy);
  return { r: Math.max(-1, Math.min(1, r)), n };
}

/**
 * numpy 'linear' q-quantile of values already sorted ascending and free of NaN (the same formula
 * as domain `quantile`, without its copy and sortedness check: for repeated quantiles of one
 * big sorted column). NaN when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const frac = h - lo;
  return a === b || frac === 0 ? a : a + (b - a) * frac;
}

/**
 * Rearranges `a` so that a[k] is the value a full sort would put there, with nothing larger to
 * its left (quickselect through selectRanks).
 */
function selectInPlace(a: Float64Array, k: number): number {
  selectRanks(a, [k]);
  return a[k] as number;
}

/**
 * Median of NaN-free values, reordering `a` in place (quickselect, O(n): no full sort). Same
 * value as domain `median`. NaN when empty.
 */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const upper = selectInPlace(a, n >> 1);
  if (n % 2 === 1) return upper;
  // Even n: the lower middle is the largest value left of the upper one.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  // Same lerp form as domain `quantile`, so the two agree to the last bit.
  return lower === upper ? upper : lower + (upper - lower) * 0.5;
}

/**
 * Puts the order statistic of every rank in `ranks` at its index of `a` (what a full ascending
 * sort would put there), reordering `a` in place: one quickselect that follows each partition
 * only into the sides holding a wanted rank, so a handful of quantiles costs O(n), not a sort's
 * O(n log n). `a` must be NaN-free; −0 and +0 count as equal here (see `signedZeroAt`).
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  const wanted = [...new Set(ranks)].filter((k) => k >= 0 && k < a.length).sort((x, y) => x - y);
  // Stack of [lo, hi, first wanted index, last wanted index + 1].
  const stack: number[] = [0, a.length - 1, 0, wanted.length];
  while (stack.length > 0) {
    const rEnd = stack.pop() as number;
    const rStart = stack.pop() as number;
    const hi = stack.pop() as number;
    const lo = stack.pop() as number;
    if (rStart >= rEnd || hi <= lo) continue;
    if (hi - lo < 24) {
      // Short run: insertion sort.
      for (let i = lo + 1; i <= hi; i++) {
        const v = a[i] as number;
        let j = i - 1;
        while (j >= lo && (a[j] as number) > v) {
          a[j + 1] = a[j] as number;
          j--;
        }
        a[j + 1] = v;
      }
      continue;
    }
    // Median of three as pivot keeps sorted or constant input linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // a[lo..j] ≤ pivot, a[j+1..i-1] = pivot (settled), a[i..hi] ≥ pivot.
    let r = rStart;
    const leftStart = r;
    while (r < rEnd && (wanted[r] as number) <= j) r++;
    const leftEnd = r;
    while (r < rEnd && (wanted[r] as number) < i) r++;
    if (leftEnd > leftStart) stack.push(lo, j, leftStart, leftEnd);
    if (rEnd > r) stack.push(i, hi, r, rEnd);
  }
}

/**
 * The value a full ascending sort would hold at rank `k`, given the value `v` selection found
 * there: a typed-array sort puts −0 before +0, selection does not tell them apart. `below` counts
 * the values < 0 and `negZeros` the −0s.
 */
export function signedZeroAt(v: number, k: number, below: number, negZeros: number): number {
  return v === 0 ? (k < below + negZeros ? -0 : 0) : v;
}

/** numpy's 'linear' quantile q of n sorted values, reading each order statistic through `at`. */
export function quantileAt(n: number, q: number, at: (k: number) => number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = at(lo);
  const b = at(hi);
  const frac = h - lo;
  return a === b || frac === 0 ? a : a + (b - a) * frac;
}

/** The ranks `quantileAt` reads for each q (to select them all in one pass). */
export function quantileRanks(n: number, qs: readonly number[]): number[] {
  const out: number[] = [];
  for (const q of qs) {
    const lo = Math.floor((n - 1) * q);
    out.push(lo, Math.min(lo + 1, n - 1));
  }
  return out;
}
