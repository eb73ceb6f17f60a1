/**
 * The analysis functions behind the worker protocol: `analysisApi` runs them on the calling
 * thread (the fallback where workers are unavailable); `createWorkerAnalysisApi()` is what the
 * worker exposes: the same functions reading the arrays the page sent once (analysis-cache.ts)
 * in place of references, with their results' typed arrays marked for transfer.
 */
import { transfer } from 'comlink';
import { applyLog } from '../analysis/cleaning';
import { correlationMatrix, linearFit } from '../analysis/correlation';
import { boxPlotStats, describeTable, histogram } from '../analysis/describe';
import { diagnoseTable } from '../analysis/diagnostics';
import { lttb } from '../analysis/lttb';
import { pca } from '../analysis/pca';
import { laggedCorrelation, rollingAccumulations } from '../analysis/rain-lag';
import { joinOnTime, resample } from '../analysis/resample';
import { seasonalProfile } from '../analysis/seasonal';
import { ArrayStore } from './analysis-cache';
import type { AnalysisApi, AnalysisMethod, WorkerAnalysisApi } from './analysis-protocol';
import { transferableBuffers } from './analysis-protocol';

export const analysisApi: AnalysisApi = {
  resample,
  joinOnTime,
  diagnoseTable,
  describeTable,
  histogram,
  boxPlotStats,
  lttb,
  seasonalProfile,
  correlationMatrix,
  linearFit,
  pca,
  laggedCorrelation,
  rollingAccumulations,
  applyLog,
};

export const ANALYSIS_METHODS = Object.keys(analysisApi) as AnalysisMethod[];

type AnyFn = (...args: unknown[]) => unknown;

/**
 * The worker's API, with its own store of the page's arrays. Each function swaps references in
 * its arguments for the held arrays, and held arrays in its result back for references; the
 * rest of the result's typed arrays are transferred (moved, not copied) to the page. A buffer
 * behind a held array is never transferred (that would empty the store): a view of it is copied.
 */
export function createWorkerAnalysisApi(): WorkerAnalysisApi {
  const store = new ArrayStore();
  const api = Object.fromEntries(
    ANALYSIS_METHODS.map((name) => {
      const fn = analysisApi[name] as AnyFn;
      const wrapped: AnyFn = (...encoded) => {
        const { args, used } = store.decode(encoded);
        const result = store.encodeResult(fn(...args), used);
        return transfer(
          result,
          transferableBuffers(result).filter((b) => !store.holds(b)),
        );
      };
      return [name, wrapped];
    }),
  ) as unknown as AnalysisApi;
  return Object.assign(api, {
    putArrays: store.putArrays.bind(store),
    releaseArrays: store.releaseArrays.bind(store),
  });
}
