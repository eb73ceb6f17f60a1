/**
 * The analysis functions behind the worker protocol: `analysisApi` runs them on the calling
 * thread (the fallback where workers are unavailable); `workerAnalysisApi` is what the worker
 * exposes, the same functions with their results' typed arrays marked for transfer.
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
import type { AnalysisApi, AnalysisMethod } from './analysis-protocol';
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

/** The API with every result wrapped in comlink's `transfer` (its typed arrays move, not copy). */
export const workerAnalysisApi: AnalysisApi = Object.fromEntries(
  ANALYSIS_METHODS.map((name) => {
    const fn = analysisApi[name] as AnyFn;
    const wrapped: AnyFn = (...args) => {
      const result = fn(...args);
      return transfer(result, transferableBuffers(result));
    };
    return [name, wrapped];
  }),
) as unknown as AnalysisApi;
