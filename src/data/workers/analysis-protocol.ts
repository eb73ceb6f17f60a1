/**
 * The contract between the explorer and the analysis worker: which functions run there, with
 * which argument and result types. Everything crossing it is structured-cloneable (plain
 * objects, arrays, typed arrays; no functions, no class instances). Typed arrays in results are
 * transferred (moved, not copied) back to the page; arguments are copied, so the page keeps its
 * tables. Table columns are copied once and then referred to by id (analysis-cache.ts).
 */
import type { CleaningEntry } from '../analysis/cleaning';
import type { CorrelationMatrix, CorrelationMethod, LinearFit } from '../analysis/correlation';
import type {
  BoxPlotStats,
  ColumnSummary,
  Histogram,
  HistogramOptions,
} from '../analysis/describe';
import type { DiagnosticsOptions, TableDiagnostics } from '../analysis/diagnostics';
import type { Downsampled } from '../analysis/lttb';
import type { PcaOptions, PcaResult } from '../analysis/pca';
import type { AccumulationWindow, LagCurve, LagOptions } from '../analysis/rain-lag';
import type { JoinOptions, JoinResult, ResampleOptions, Step } from '../analysis/resample';
import type { SeasonalPeriod, SeasonalProfile } from '../analysis/seasonal';
import type { NamedSeries } from '../analysis/series';
import type { DataTable } from '../data-table';
import type { ArrayStoreApi } from './analysis-cache';

/** The heavy analysis functions, as the worker exposes them (synchronous there). */
export interface AnalysisApi {
  resample(table: DataTable, step: Step, options?: ResampleOptions): DataTable;
  joinOnTime(tables: readonly DataTable[], step: Step, options?: JoinOptions): JoinResult;
  diagnoseTable(table: DataTable, options?: DiagnosticsOptions): TableDiagnostics;
  describeTable(table: DataTable): ColumnSummary[];
  histogram(values: ArrayLike<number>, bins?: number, options?: HistogramOptions): Histogram;
  boxPlotStats(values: ArrayLike<number>, k?: number): BoxPlotStats;
  lttb(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): Downsampled;
  seasonalProfile(
    time: ArrayLike<number>,
    values: ArrayLike<number>,
    period: SeasonalPeriod,
  ): SeasonalProfile;
  correlationMatrix(series: readonly NamedSeries[], method?: CorrelationMethod): CorrelationMatrix;
  linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit;
  pca(series: readonly NamedSeries[], options?: PcaOptions): PcaResult;
  laggedCorrelation(
    driver: ArrayLike<number>,
    response: ArrayLike<number>,
    maxLag: number,
    options?: LagOptions,
  ): LagCurve;
  rollingAccumulations(
    time: ArrayLike<number>,
    values: ArrayLike<number>,
    windows?: readonly AccumulationWindow[],
  ): { window: AccumulationWindow; values: Float64Array<ArrayBuffer> }[];
  applyLog(original: DataTable, log: readonly CleaningEntry[]): DataTable;
}

export type AnalysisMethod = keyof AnalysisApi;

/**
 * What the worker exposes: the analysis functions (whose array arguments may arrive as
 * references to arrays sent before) and the array store they read.
 */
export type WorkerAnalysisApi = AnalysisApi & ArrayStoreApi;

/** What the page calls: the same functions, always asynchronous (worker or not). */
export type AsyncAnalysisApi = {
  [K in AnalysisMethod]: (
    ...args: Parameters<AnalysisApi[K]>
  ) => Promise<ReturnType<AnalysisApi[K]>>;
};

/**
 * The distinct ArrayBuffers behind every typed array in `value` (walking plain objects and
 * arrays), for a transfer list. Shared buffers and duplicates are left out (a buffer listed twice
 * makes postMessage throw).
 */
export function transferableBuffers(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    if (v instanceof ArrayBuffer) {
      found.add(v);
      return;
    }
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    for (const item of Object.values(v)) walk(item);
  };
  walk(value);
  return [...found];
}
