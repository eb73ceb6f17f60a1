/**
 * Rain accumulations and lagged cross-correlation: "how long after rain at station X does the
 * intake turbidity rise?".
 *
 * Inputs are series on one regular time axis (for example the output of `joinOnTime`), so a lag
 * of k steps is k·step of time. The lag curve correlates driver[t] with response[t + k] for
 * k = 0..maxLag (the driver leads), pairwise complete at each lag, Pearson by default or Spearman
 * (ranks recomputed on each lag's complete pairs).
 *
 * Caveat (no prewhitening): both series are autocorrelated (a storm lasts hours; turbidity
 * recedes slowly), so the curve is smeared around its peak and neighbouring lags look almost as
 * good; significance cannot be read from the usual r tables, since the effective sample size is
 * far below n. The peak lag is a descriptive "typical delay", not a tested causal delay. A
 * trailing accumulation (6 h, 24 h, …) is itself a smoothing that moves the peak earlier by about
 * half its window: use the 1-step series to read a delay. Prewhitening (fitting an AR model to
 * the driver and filtering both series with it) would sharpen the peak; it is not done here.
 */
import type { NamedSeries } from './series';
import { DAY_MS, HOUR_MS, argsortValid, pearsonWithN, ranksOfSubset } from './series';

/**
 * Trailing sum over `window` steps ending at each step (x[t − window + 1] + … + x[t]). The first
 * window − 1 steps are NaN; a window with fewer than `minValid` values (default: all of them) is
 * NaN, otherwise the sum of the values present.
 */
export function rollingSum(
  values: ArrayLike<number>,
  window: number,
  minValid = window,
): Float64Array<ArrayBuffer> {
  if (!(Number.isInteger(window) && window >= 1)) {
    throw new RangeError(`rollingSum: window must be a positive integer, got ${window}`);
  }
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  let sum = 0;
  let count = 0;
  // Exact integer-like accumulation is not guaranteed for decimals; recompute the window sum
  // from scratch every `refresh` steps so round-off never drifts over a long series.
  const refresh = 4096;
  for (let t = 0; t < n; t++) {
    const v = values[t] as number;
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
    if (t >= window) {
      const old = values[t - window] as number;
      if (!Number.isNaN(old)) {
        sum -= old;
        count--;
      }
    }
    if (t % refresh === refresh - 1) {
      sum = 0;
      for (let s = Math.max(0, t - window + 1); s <= t; s++) {
        const w = values[s] as number;
        if (!Number.isNaN(w)) sum += w;
      }
    }
    if (t >= window - 1 && count >= minValid && count > 0) out[t] = sum;
  }
  return out;
}

export interface AccumulationWindow {
  /** Short label, e.g. '6 h' or '3 d'. */
  label: string;
  durationMs: number;
  steps: number;
}

/**
 * Default accumulation windows for a regular step: 1, 6, 24 and 72 h for sub-daily data; 1, 3, 7
 * and 30 days for daily (or coarser) data. Windows shorter than one step, or not a whole number
 * of steps, are left out.
 */
export function accumulationWindows(stepMs: number): AccumulationWindow[] {
  const daily = stepMs >= DAY_MS;
  const spec = daily
    ? [1, 3, 7, 30].map((d) => ({ label: `${d} d`, durationMs: d * DAY_MS }))
    : [1, 6, 24, 72].map((h) => ({ label: `${h} h`, durationMs: h * HOUR_MS }));
  return spec
    .filter((w) => w.durationMs >= stepMs && w.durationMs % stepMs === 0)
    .map((w) => ({ ...w, steps: w.durationMs / stepMs }));
}

/** Step of a regular axis, or throws: every consecutive difference must be the same. */
export function regularStep(time: ArrayLike<number>): number {
  if (time.length < 2) throw new RangeError('regularStep: need at least two times');
  const step = (time[1] as number) - (time[0] as number);
  if (!(step > 0)) throw new RangeError('regularStep: times must increase');
  for (let i = 2; i < time.length; i++) {
    if ((time[i] as number) - (time[i - 1] as number) !== step) {
      throw new RangeError(
        `regularStep: irregular axis at row ${i}; resample to a regular step first (joinOnTime)`,
      );
    }
  }
  return step;
}

/** Rolling accumulations of a rain series on a regular axis (all windows by default). */
export function rollingAccumulations(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  windows?: readonly AccumulationWindow[],
): { window: AccumulationWindow; values: Float64Array<ArrayBuffer> }[] {
  const step = regularStep(time);
  return (windows ?? accumulationWindows(step)).map((w) => ({
    window: w,
    values: rollingSum(values, w.steps),
  }));
}

export interface LagOptions {
  method?: 'pearson' | 'spearman';
  /** Lags with fewer complete pairs get r = NaN (default 30). */
  minPairs?: number;
  /** Which peak: largest r ('max', e.g. rain → turbidity), smallest ('min', e.g. rain →
   * conductivity, diluted by rain) or largest |r| ('abs', default). */
  peak?: 'abs' | 'max' | 'min';
}

export interface LagCurve {
  method: 'pearson' | 'spearman';
  /** 0..maxLag. */
  lags: Int32Array<ArrayBuffer>;
  r: Float64Array<ArrayBuffer>;
  n: Int32Array<ArrayBuffer>;
  /** Lag (steps) of the peak; −1 when no lag has a defined r. */
  peakLag: number;
  peakR: number;
  peakN: number;
}

/**
 * Cross-correlation curve r(k) = corr(driver[t], response[t + k]), k = 0..maxLag, with the peak.
 * Ties between lags go to the shorter lag.
 */
export function laggedCorrelation(
  driver: ArrayLike<number>,
  response: ArrayLike<number>,
  maxLag: number,
  options: LagOptions = {},
): LagCurve {
  if (driver.length !== response.length) {
    throw new RangeError(
      `laggedCorrelation: driver has ${driver.length} rows, response ${response.length}`,
    );
  }
  if (!(Number.isInteger(maxLag) && maxLag >= 0)) {
    throw new RangeError(`laggedCorrelation: maxLag must be a non-negative integer, got ${maxLag}`);
  }
  const method = options.method ?? 'pearson';
  const minPairs = options.minPairs ?? 30;
  const peakMode = options.peak ?? 'abs';
  const len = driver.length;
  const lagCount = Math.min(maxLag, Math.max(len - 1, 0)) + 1;
  const lags = new Int32Array(lagCount);
  const r = new Float64Array(lagCount).fill(NaN);
  const n = new Int32Array(lagCount);
  const dOrder = method === 'spearman' ? argsortValid(driver) : null;
  const rOrder = method === 'spearman' ? argsortValid(response) : null;
  const rd = method === 'spearman' ? new Float64Array(len) : null;
  const rr = method === 'spearman' ? new Float64Array(len) : null;
  const dMask = method === 'spearman' ? new Uint8Array(len) : null;
  const rMask = method === 'spearman' ? new Uint8Array(len) : null;

  for (let k = 0; k < lagCount; k++) {
    lags[k] = k;
    const m = len - k;
    let cell: { r: number; n: number };
    if (method === 'pearson') {
      cell = pearsonWithN(driver, response, 0, k, m);
    } else {
      const a = rd as Float64Array;
      const b = rr as Float64Array;
      const dm = dMask as Uint8Array;
      const rm = rMask as Uint8Array;
      // Complete pairs at lag k: driver row i with response row i + k.
      dm.fill(0);
      rm.fill(0);
      for (let i = 0; i < m; i++) {
        if (!Number.isNaN(driver[i] as number) && !Number.isNaN(response[i + k] as number)) {
          dm[i] = 1;
          rm[i + k] = 1;
        }
      }
      a.fill(NaN);
      b.fill(NaN);
      ranksOfSubset(driver, dOrder as Int32Array, dm, a);
      ranksOfSubset(response, rOrder as Int32Array, rm, b);
      cell = pearsonWithN(a, b, 0, k, m);
    }
    n[k] = cell.n;
    r[k] = cell.n >= minPairs ? cell.r : NaN;
  }

  let peakLag = -1;
  let best = -Infinity;
  for (let k = 0; k < lagCount; k++) {
    const v = r[k] as number;
    if (Number.isNaN(v)) continue;
    const score = peakMode === 'abs' ? Math.abs(v) : peakMode === 'max' ? v : -v;
    if (score > best) {
      best = score;
      peakLag = k;
    }
  }
  return {
    method,
    lags,
    r,
    n,
    peakLag,
    peakR: peakLag >= 0 ? (r[peakLag] as number) : NaN,
    peakN: peakLag >= 0 ? (n[peakLag] as number) : 0,
  };
}

/**
 * The structured facts behind "turbidity at the intake follows rain at station X by about N
 * hours"; the UI words the sentence (and its language).
 */
export interface LagFinding {
  driver: string;
  response: string;
  method: 'pearson' | 'spearman';
  lagSteps: number;
  lagMs: number;
  lagHours: number;
  r: number;
  n: number;
  /** 'rises' when the response goes up after the driver (r > 0), 'falls' when it goes down. */
  direction: 'rises' | 'falls' | 'none';
  /** |r| < 0.1 none, < 0.3 weak, < 0.5 moderate, else strong (Cohen's conventions). */
  strength: 'none' | 'weak' | 'moderate' | 'strong';
  /** The peak is at the largest lag tried: the true delay may be longer; widen maxLag. */
  atEdge: boolean;
  /** Always true here: the curve was not prewhitened (see the module comment). */
  notPrewhitened: true;
}

export function describeLag(
  curve: LagCurve,
  driver: NamedSeries | string,
  response: NamedSeries | string,
  stepMs: number,
): LagFinding {
  const r = curve.peakR;
  const a = Math.abs(r);
  const strength = !(a >= 0.1) ? 'none' : a < 0.3 ? 'weak' : a < 0.5 ? 'moderate' : 'strong';
  const lagSteps = curve.peakLag;
  return {
    driver: typeof driver === 'string' ? driver : driver.name,
    response: typeof response === 'string' ? response : response.name,
    method: curve.method,
    lagSteps,
    lagMs: lagSteps >= 0 ? lagSteps * stepMs : NaN,
    lagHours: lagSteps >= 0 ? (lagSteps * stepMs) / HOUR_MS : NaN,
    r,
    n: curve.peakN,
    direction: strength === 'none' ? 'none' : r > 0 ? 'rises' : 'falls',
    strength,
    atEdge: lagSteps >= 0 && lagSteps === curve.lags.length - 1 && curve.lags.length > 1,
    notPrewhitened: true,
  };
}
