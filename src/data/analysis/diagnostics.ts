/**
 * Data-quality diagnostics per numeric column, returned as row indices and time intervals so a
 * chart can mark them:
 * - gaps: runs of missing time steps (cells that are NaN, or rows absent from the file), measured
 *   in the table's median step;
 * - flatlines: a value repeated (within a tolerance) for at least a chosen duration, the classic
 *   stuck-sensor fault;
 * - spikes: short, isolated excursions (at most `spikeMaxWidth` consecutive readings, default 2,
 *   whose neighbours sit near the baseline) far from their neighbourhood (Hampel filter: local
 *   median ± k·local robust scale), the classic electrical-spike fault. Wider excursions are events (a storm's turbidity pulse lasts hours),
 *   not spikes: they show up under outliers instead;
 * - outliers: points far from the whole column, by robust z on the MAD and by IQR fences
 *   (statistically unusual, not necessarily wrong: a storm is an outlier in turbidity);
 * - impossible values: outside the physical range of the column's known quantity (negative
 *   turbidity, pH outside 0–14), and ±Infinity.
 * Gaps, flatlines and spikes follow time order (rows with a NaN time are skipped); outliers and
 * impossible values look at every row. Without a date-time column, row order is the time axis
 * and durations are counted in rows.
 */
import type { Quantity } from '../../domain/quantities';
import { guessQuantity, quantityById } from '../../domain/quantities';
import type { DataTable } from '../data-table';
import { numericColumns, timeColumn } from '../data-table';
import { HOUR_MS, medianInPlace, medianStep, quantileSorted, timeOrder } from './series';

export interface DiagnosticsOptions {
  /**
   * Shortest run of one repeated value reported as a flatline: ms with a time axis, rows
   * without. The run covers (last − first time) + one step. Default: max(6 h, 6 steps), or 6 rows.
   */
  flatlineMinDuration?: number;
  /** Values within this distance of the run's first value count as unchanged (default 0). */
  flatlineTolerance?: number;
  /** Report gaps of at least this many missing steps (default 1). */
  minGapSteps?: number;
  /** Half-width of the spike (Hampel) window in valid points (default 3, a 7-point window). */
  spikeHalfWindow?: number;
  /** A reading is off its neighbourhood when |x − local median| > threshold × local robust
   * scale (default 5). */
  spikeThreshold?: number;
  /** Longest run of consecutive off readings still called a spike (default 2). */
  spikeMaxWidth?: number;
  /**
   * A spike stands alone: the readings just before and after the run must be off their own
   * local median by at most this fraction of the run's largest deviation (default 0.25). The
   * peak of a real but sharp pulse has neighbours half-way up; an electrical spike has
   * neighbours at the baseline.
   */
  spikeIsolation?: number;
  /** |robust z| above this is an outlier (default 3.5, Iglewicz & Hoaglin). */
  robustZThreshold?: number;
  /** IQR fences at q1 − k·IQR and q3 + k·IQR (default 1.5, Tukey). */
  iqrK?: number;
  /**
   * For accumulations (quantities aggregated by 'sum': rain), storms are real, not faults, and
   * dry spells are long runs of 0. By default spikes and outliers are not computed for them and
   * flat runs at exactly 0 are not flatlines. Set false to treat them like any other column.
   */
  accumulationRules?: boolean;
  /** Quantity id per column name (overrides the guess from the header); null = none. */
  quantities?: Readonly<Record<string, string | null>>;
}

/** A run of missing time steps. Times are the first and last missing step. */
export interface Gap {
  start: number;
  end: number;
  /** Missing steps: (end − start) / step + 1. */
  steps: number;
  /** Rows present in the table inside the gap, with a missing value (the rest were absent). */
  missingRows: number;
}

export interface Flatline {
  /** Row indices of the first and last reading of the run. */
  startRow: number;
  endRow: number;
  /** Their times (row indices without a time axis). */
  start: number;
  end: number;
  points: number;
  /** end − start + one step. */
  duration: number;
  value: number;
}

export interface ColumnDiagnostics {
  column: string;
  quantityId: string | null;
  /** Rows with a value / without (NaN). */
  valid: number;
  missing: number;
  gaps: Gap[];
  /** Total missing steps over all gaps. */
  missingSteps: number;
  flatlines: Flatline[];
  /** Rows flagged by the Hampel filter (time order); empty when skipped. */
  spikes: number[];
  outliers: {
    /** false for accumulations under `accumulationRules` (see options). */
    computed: boolean;
    robustZ: { rows: number[]; median: number; scale: number; threshold: number };
    iqr: { rows: number[]; q1: number; q3: number; lower: number; upper: number; k: number };
  };
  impossible: { range: readonly [number, number] | null; rows: number[] };
}

export interface TableDiagnostics {
  timeColumn: string | null;
  /** Median step in ms (1 row without a time axis); NaN when fewer than two distinct times
   * (then no gaps can be measured). */
  step: number;
  rows: number;
  rowsWithoutTime: number;
  /** True when the rows are not in time order (all results still use time order). */
  unsortedTime: boolean;
  /** Rows whose time equals the previous row's time (in time order). */
  duplicateTimes: number;
  /** First and last time (NaN when none). */
  start: number;
  end: number;
  columns: ColumnDiagnostics[];
}

const MAD_TO_SD = 1.482602218505602; // 1 / Φ⁻¹(3/4)
const MEAN_AD_TO_SD = 1.2533141373155; // √(π/2)

function resolveQuantity(name: string, options: DiagnosticsOptions): Quantity | undefined {
  const override = options.quantities?.[name];
  if (override === null) return undefined;
  if (override !== undefined) return quantityById(override);
  return guessQuantity(name);
}

/** Median of the first m entries of `buf` (sorted in place; insertion sort, m is small). */
function smallMedian(buf: Float64Array, m: number): number {
  for (let i = 1; i < m; i++) {
    const v = buf[i] as number;
    let j = i - 1;
    while (j >= 0 && (buf[j] as number) > v) {
      buf[j + 1] = buf[j] as number;
      j--;
    }
    buf[j + 1] = v;
  }
  return m % 2 === 1
    ? (buf[(m - 1) >> 1] as number)
    : 0.5 * ((buf[m / 2 - 1] as number) + (buf[m / 2] as number));
}

interface TimeAxis {
  /** Rows with a time, in time order. */
  order: Int32Array;
  time: ArrayLike<number>;
  step: number;
}

function findGaps(values: ArrayLike<number>, axis: TimeAxis, minSteps: number): Gap[] {
  const { order, time, step } = axis;
  const gaps: Gap[] = [];
  if (order.length === 0 || !(step > 0)) return gaps;
  const tStart = time[order[0] as number] as number;
  const tEnd = time[order[order.length - 1] as number] as number;
  let prevT = tStart - step;
  let missingRows = 0;
  for (let j = 0; j < order.length; j++) {
    const row = order[j] as number;
    if (Number.isNaN(values[row] as number)) {
      missingRows++;
      continue;
    }
    const t = time[row] as number;
    const missing = Math.round((t - prevT) / step) - 1;
    if (missing >= minSteps) {
      gaps.push({ start: prevT + step, end: t - step, steps: missing, missingRows });
    }
    prevT = t;
    missingRows = 0;
  }
  const trailing = Math.round((tEnd - prevT) / step);
  if (trailing >= minSteps) {
    gaps.push({ start: prevT + step, end: tEnd, steps: trailing, missingRows });
  }
  return gaps;
}

function findFlatlines(
  values: ArrayLike<number>,
  axis: TimeAxis,
  minDuration: number,
  tolerance: number,
  ignoreZero: boolean,
): Flatline[] {
  const { order, time, step } = axis;
  const out: Flatline[] = [];
  const stepOr0 = step > 0 ? step : 0;
  let j = 0;
  while (j < order.length) {
    const first = order[j] as number;
    const v0 = values[first] as number;
    if (Number.isNaN(v0)) {
      j++;
      continue;
    }
    let k = j + 1;
    while (k < order.length) {
      const v = values[order[k] as number] as number;
      if (Number.isNaN(v) || Math.abs(v - v0) > tolerance) break;
      k++;
    }
    const last = order[k - 1] as number;
    const points = k - j;
    const start = time[first] as number;
    const end = time[last] as number;
    const duration = end - start + stepOr0;
    if (points >= 2 && duration >= minDuration && !(ignoreZero && v0 === 0)) {
      out.push({ startRow: first, endRow: last, start, end, points, duration, value: v0 });
    }
    j = k;
  }
  return out;
}

/**
 * Hampel filter over the valid values in time order; returns the rows of runs of at most
 * `maxWidth` consecutive flagged readings.
 */
function findSpikes(
  values: ArrayLike<number>,
  order: Int32Array,
  halfWindow: number,
  threshold: number,
  maxWidth: number,
  isolation: number,
  globalScale: number,
): number[] {
  const rows: number[] = [];
  for (let j = 0; j < order.length; j++) {
    if (!Number.isNaN(values[order[j] as number] as number)) rows.push(order[j] as number);
  }
  const n = rows.length;
  if (n < 3) return [];
  const vals = new Float64Array(n);
  for (let j = 0; j < n; j++) vals[j] = values[rows[j] as number] as number;
  // Noise floor: robust sd of first differences / √2 (the noise sd of a smooth signal), so a
  // window that happens to be flat (local MAD = 0) does not flag every small step.
  const absDiff = new Float64Array(n - 1);
  for (let j = 1; j < n; j++)
    absDiff[j - 1] = Math.abs((vals[j] as number) - (vals[j - 1] as number));
  const noise = (MAD_TO_SD * medianInPlace(absDiff)) / Math.SQRT2;
  const floor = Math.max(noise, 0.1 * globalScale, Number.MIN_VALUE);
  const w = 2 * halfWindow + 1;
  const buf = new Float64Array(w);
  const off = new Uint8Array(n);
  const dev = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const lo = Math.max(0, j - halfWindow);
    const hi = Math.min(n - 1, j + halfWindow);
    const m = hi - lo + 1;
    for (let k = 0; k < m; k++) buf[k] = vals[lo + k] as number;
    const med = smallMedian(buf, m);
    const d = Math.abs((vals[j] as number) - med);
    dev[j] = d;
    // The scale is at least the floor: only a point beyond threshold·floor needs the local MAD.
    if (d <= threshold * floor) continue;
    for (let k = 0; k < m; k++) buf[k] = Math.abs((vals[lo + k] as number) - med);
    const mad = smallMedian(buf, m);
    if (d > threshold * Math.max(MAD_TO_SD * mad, floor)) off[j] = 1;
  }
  const spikes: number[] = [];
  for (let j = 0; j < n;) {
    if (off[j] !== 1) {
      j++;
      continue;
    }
    let k = j;
    while (k < n && off[k] === 1) k++;
    let peak = 0;
    for (let r = j; r < k; r++) peak = Math.max(peak, dev[r] as number);
    const before = j > 0 ? (dev[j - 1] as number) : 0;
    const after = k < n ? (dev[k] as number) : 0;
    if (k - j <= maxWidth && Math.max(before, after) <= isolation * peak) {
      for (let r = j; r < k; r++) spikes.push(rows[r] as number);
    }
    j = k;
  }
  return spikes;
}

/**
 * Diagnostics of one numeric column. `time` is the table's time column (null: row order, step
 * 1 row); `step` defaults to its median step. `name` selects the quantity (see options).
 */
export function diagnoseColumn(
  name: string,
  values: ArrayLike<number>,
  time: ArrayLike<number> | null,
  options: DiagnosticsOptions = {},
  precomputed?: { order: Int32Array; step: number },
): ColumnDiagnostics {
  const quantity = resolveQuantity(name, options);
  const accumulation = (options.accumulationRules ?? true) && quantity?.aggregation === 'sum';
  let axis: TimeAxis;
  if (time === null) {
    const order = new Int32Array(values.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    axis = { order, time: Float64Array.from(order), step: 1 };
  } else {
    const order = precomputed?.order ?? timeOrder(time).order;
    axis = { order, time, step: precomputed?.step ?? medianStep(time) };
  }
  const step = axis.step;
  const defaultFlat = time === null ? 12 : Math.max(6 * HOUR_MS, 12 * (step > 0 ? step : 0));

  // Column-wide robust statistics, on one sorted copy of the valid values.
  let valid = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) valid++;
  const sorted = new Float64Array(valid);
  for (let i = 0, j = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) sorted[j++] = v;
  }
  sorted.sort();
  const med = quantileSorted(sorted, 0.5);
  const dev = new Float64Array(valid);
  let sumAbs = 0;
  for (let j = 0; j < valid; j++) {
    dev[j] = Math.abs((sorted[j] as number) - med);
    sumAbs += dev[j] as number;
  }
  const mad = medianInPlace(dev);
  // MAD = 0 (more than half the values equal): fall back to the mean absolute deviation.
  const robustScale =
    mad > 0 ? MAD_TO_SD * mad : valid > 0 ? MEAN_AD_TO_SD * (sumAbs / valid) : NaN;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const k = options.iqrK ?? 1.5;
  const lower = q1 - k * (q3 - q1);
  const upper = q3 + k * (q3 - q1);
  const zThreshold = options.robustZThreshold ?? 3.5;

  const zRows: number[] = [];
  const iqrRows: number[] = [];
  const impossibleRows: number[] = [];
  const range = quantity?.physicalRange ?? null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v) || (range && (v < range[0] || v > range[1]))) impossibleRows.push(i);
    if (accumulation) continue;
    if (robustScale > 0 && Math.abs(v - med) / robustScale > zThreshold) zRows.push(i);
    if (v < lower || v > upper) iqrRows.push(i);
  }

  const gaps = findGaps(values, axis, options.minGapSteps ?? 1);
  return {
    column: name,
    quantityId: quantity?.id ?? null,
    valid,
    missing: values.length - valid,
    gaps,
    missingSteps: gaps.reduce((s, g) => s + g.steps, 0),
    flatlines: findFlatlines(
      values,
      axis,
      options.flatlineMinDuration ?? defaultFlat,
      options.flatlineTolerance ?? 0,
      accumulation,
    ),
    spikes: accumulation
      ? []
      : findSpikes(
          values,
          axis.order,
          options.spikeHalfWindow ?? 3,
          options.spikeThreshold ?? 5,
          options.spikeMaxWidth ?? 2,
          options.spikeIsolation ?? 0.25,
          robustScale > 0 ? robustScale : 0,
        ),
    outliers: {
      computed: !accumulation,
      robustZ: { rows: zRows, median: med, scale: robustScale, threshold: zThreshold },
      iqr: { rows: iqrRows, q1, q3, lower, upper, k },
    },
    impossible: { range, rows: impossibleRows },
  };
}

/** Diagnostics of every numeric column of `table`, on its first date-time column. */
export function diagnoseTable(
  table: DataTable,
  options: DiagnosticsOptions = {},
): TableDiagnostics {
  const time = timeColumn(table);
  const t = time?.values ?? null;
  let order: Int32Array | null = null;
  let sorted = true;
  let step = 1;
  let duplicateTimes = 0;
  let start = NaN;
  let end = NaN;
  if (t) {
    const o = timeOrder(t);
    order = o.order;
    sorted = o.sorted;
    step = medianStep(t);
    for (let j = 1; j < order.length; j++) {
      if (t[order[j] as number] === t[order[j - 1] as number]) duplicateTimes++;
    }
    if (order.length > 0) {
      start = t[order[0] as number] as number;
      end = t[order[order.length - 1] as number] as number;
    }
  }
  const pre = order ? { order, step } : undefined;
  return {
    timeColumn: time?.name ?? null,
    step,
    rows: table.rowCount,
    rowsWithoutTime: order ? table.rowCount - order.length : 0,
    unsortedTime: !sorted,
    duplicateTimes,
    start,
    end,
    columns: numericColumns(table).map((c) => diagnoseColumn(c.name, c.values, t, options, pre)),
  };
}
