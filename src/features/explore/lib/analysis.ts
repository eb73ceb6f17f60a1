import type { AnalysisClient } from '../../../data/workers/analysis-client';

/**
 * The explorer's one analysis worker, created on first use. The client module is imported on
 * demand, so the analysis code (and its fallback on this thread) stays out of the first load.
 */
let client: Promise<AnalysisClient> | undefined;

export function analysis(): Promise<AnalysisClient> {
  const p = (client ??= import('../../../data/workers/analysis-client').then((m) =>
    m.createAnalysisClient(),
  ));
  p.catch(() => {
    if (client === p) client = undefined;
  });
  return p;
}
