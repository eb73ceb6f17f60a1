import type { InputRecord } from '../domain/input-record';
import { quantile } from '../domain/math/descriptive';
import type { FeatureSpec, FeatureTransform, TargetSpec } from '../domain/pack-manifest';

/**
 * The one copy of feature derivation, shared by the Node trainer, the in-browser trainer and the
 * in-browser engine: feature order, transforms and standardisation all come from the manifest.
 */

const MS_PER_HOUR = 3_600_000;
const TWO_PI = 2 * Math.PI;

function num(rec: InputRecord, id: string): number {
  const v = rec[id];
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
}

function logOnePlus(v: number): number {
  return v > -1 ? Math.log1p(v) : Number.NaN;
}

/** Fractional month 0..12 (Jan 1st = 0) from wall-clock ms. */
function monthPosition(ms: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return m + (d.getUTCDate() - 1 + d.getUTCHours() / 24) / daysInMonth;
}

/** Fractional hour of day 0..24 from wall-clock ms. */
function hourPosition(ms: number): number {
  const d = new Date(ms);
  return d.getUTCHours() + d.getUTCMinutes() / 60;
}

/** The untransformed-by-standardisation value of one feature for one record (NaN when missing). */
export function rawFeatureValue(
  input: string,
  transform: FeatureTransform,
  rec: InputRecord,
): number {
  switch (transform.kind) {
    case 'identity':
      return num(rec, input);
    case 'log1p':
      return logOnePlus(num(rec, input));
    case 'log1pDelta':
      return logOnePlus(num(rec, input)) - logOnePlus(num(rec, transform.previous));
    case 'groupRatio': {
      const g = rec[transform.group];
      const ref = typeof g === 'string' ? transform.reference[g] : undefined;
      return ref === undefined ? Number.NaN : num(rec, input) / ref;
    }
    case 'cyclic': {
      const t = num(rec, input);
      if (Number.isNaN(t)) return Number.NaN;
      const angle =
        transform.period === 'month'
          ? (TWO_PI * monthPosition(t)) / 12
          : (TWO_PI * hourPosition(t)) / 24;
      return transform.part === 'sin' ? Math.sin(angle) : Math.cos(angle);
    }
    case 'hoursSince':
      return (num(rec, input) - num(rec, transform.previous)) / MS_PER_HOUR;
    case 'oneHot': {
      const v = rec[input];
      return typeof v === 'string' ? (v === transform.category ? 1 : 0) : Number.NaN;
    }
  }
}

/**
 * A feature before fitting. `clipToTraining` winsorises it: `clip` becomes the training rows'
 * [p0.5, p99.5], so a heavy tail (hours since the previous report, a turbidity spike) or a future
 * date cannot drive linear and MLP members into wild extrapolation. The engine still flags such
 * inputs as outside the training range.
 */
export const CLIP_QUANTILES: readonly [number, number] = [0.005, 0.995];

export type UnfittedFeature = Omit<FeatureSpec, 'mean' | 'std' | 'clip'> & {
  clipToTraining?: boolean;
};

/** The derived value of a fitted feature, clamped into its clip range when it has one. */
export function featureValue(f: FeatureSpec, rec: InputRecord): number {
  const v = rawFeatureValue(f.input, f.transform, rec);
  return f.clip && Number.isFinite(v) ? Math.min(f.clip[1], Math.max(f.clip[0], v)) : v;
}

/**
 * Standardisation statistics from the given (training) records only.
 * A constant or all-missing column gets std 1 so it stays finite; it then carries no signal.
 */
export function fitStandardisation(
  features: readonly UnfittedFeature[],
  recs: readonly InputRecord[],
): FeatureSpec[] {
  return features.map(({ clipToTraining, ...f }) => {
    let values: number[] = [];
    for (const rec of recs) {
      const v = rawFeatureValue(f.input, f.transform, rec);
      if (Number.isFinite(v)) values.push(v);
    }
    let clip: [number, number] | undefined;
    if (clipToTraining && values.length > 0) {
      clip = [quantile(values, CLIP_QUANTILES[0]), quantile(values, CLIP_QUANTILES[1])];
      const [lo, hi] = clip;
      // Standardise the values the models will see: the clipped ones.
      values = values.map((v) => Math.min(hi, Math.max(lo, v)));
    }
    const n = values.length;
    const mean = n > 0 ? values.reduce((a, v) => a + v, 0) / n : 0;
    // Two-pass (deviations from the mean): the one-pass Σv² − n·mean² cancels catastrophically
    // and gave a constant column a spurious tiny std. An exactly constant column gets std 1.
    const constant = values.every((v) => v === values[0]);
    const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
    const std = !constant && variance > 1e-12 ? Math.sqrt(variance) : 1;
    return clip ? { ...f, clip, mean, std } : { ...f, mean, std };
  });
}

/** Standardised feature matrix, x: row-major [recs.length, features.length]; missing stays NaN. */
export function featureMatrix(
  features: readonly FeatureSpec[],
  recs: readonly InputRecord[],
): Float64Array {
  const p = features.length;
  const x = new Float64Array(recs.length * p);
  recs.forEach((rec, i) => {
    features.forEach((f, j) => {
      x[i * p + j] = (featureValue(f, rec) - f.mean) / f.std;
    });
  });
  return x;
}

/** Columns `cols` of x: row-major [n, p] → [n, cols.length]. */
export function selectColumns(x: Float64Array, p: number, cols: readonly number[]): Float64Array {
  const n = x.length / p;
  const q = cols.length;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < q; c++) out[i * q + c] = x[i * p + (cols[c] as number)] as number;
  }
  return out;
}

/** Copy of x with NaN replaced by 0, i.e. the training mean in standardised space (for linear and MLP members). */
export function imputeMean(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    out[i] = Number.isNaN(v) ? 0 : v;
  }
  return out;
}

export function forwardTarget(target: Pick<TargetSpec, 'transform'>, y: number): number {
  return target.transform === 'log1p' ? logOnePlus(y) : y;
}

export function inverseTarget(target: Pick<TargetSpec, 'transform'>, z: number): number {
  return target.transform === 'log1p' ? Math.expm1(z) : z;
}
