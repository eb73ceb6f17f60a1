import { median } from '../../domain/math/descriptive';
import { regressionReport } from '../../domain/math/metrics';
import type { MetricsRow } from '../../domain/pack-manifest';

/**
 * The metrics table: every model on the same rows of the held-out test set, overall and per group,
 * in the target's own units.
 */
export interface ScoredModel {
  model: string;
  /** Prediction per table row (target units), NaN where the model gives none. */
  prediction: Float64Array;
  lo?: Float64Array;
  hi?: Float64Array;
}

export function metricsTable(
  models: readonly ScoredModel[],
  y: ArrayLike<number>,
  group: readonly string[],
  testRows: readonly number[],
): MetricsRow[] {
  const scopes = new Map<string, number[]>([['all', [...testRows]]]);
  for (const r of testRows) {
    const g = group[r] as string;
    scopes.set(g, [...(scopes.get(g) ?? []), r]);
  }
  const rows: MetricsRow[] = [];
  for (const [scope, idx] of [...scopes].sort(([a], [b]) =>
    a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b),
  )) {
    for (const m of models) {
      const pick = (v: ArrayLike<number>) => idx.map((r) => v[r] as number);
      const rep = regressionReport(
        pick(y),
        pick(m.prediction),
        m.lo ? pick(m.lo) : undefined,
        m.hi ? pick(m.hi) : undefined,
      );
      rows.push({
        model: m.model,
        scope,
        n: rep.n,
        mae: rep.mae,
        rmse: rep.rmse,
        r2: rep.r2,
        mape: rep.mape,
        coverage: rep.coverage ?? null,
      });
    }
  }
  return rows;
}

/** Baseline: each group's median target over the reference rows (global median for unseen groups). */
export function groupMedianBaseline(
  y: ArrayLike<number>,
  group: readonly string[],
  referenceRows: readonly number[],
): Float64Array {
  const byGroup = new Map<string, number[]>();
  for (const r of referenceRows) {
    const v = y[r] as number;
    if (!Number.isFinite(v)) continue;
    const g = group[r] as string;
    byGroup.set(g, [...(byGroup.get(g) ?? []), v]);
  }
  const overall = median(referenceRows.map((r) => y[r] as number));
  const medians = new Map([...byGroup].map(([g, v]) => [g, median(v)]));
  return Float64Array.from(group, (g) => medians.get(g) ?? overall);
}

/** Baseline: keep the previous report's value; the group median where there is no previous report. */
export function persistenceBaseline(
  previous: ArrayLike<number>,
  fallback: ArrayLike<number>,
): Float64Array {
  return Float64Array.from({ length: previous.length }, (_, i) => {
    const v = previous[i] as number;
    return Number.isFinite(v) ? v : (fallback[i] as number);
  });
}
